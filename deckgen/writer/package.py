"""Naming new parts without walking the whole package each time (python-pptx issue #644).

python-pptx names a new notes slide, chart, workbook or picture by walking every part of the package, and
looks for an identical picture the same way, so a deck of n slides costs n² part visits. Here each kind of
name is counted once, on first use, and then kept up to date as parts are added. The names are the ones
python-pptx would have chosen: the same rule applied to the same set of names.
"""

from __future__ import annotations

IMAGE_PREFIX = "/ppt/media/image"


class PartNames:
    def __init__(self, package):
        self.package = package
        self.by_prefix: dict[str, set[str]] = {}  # partname prefix -> the names in use
        self.image_numbers: set[int] | None = None
        self.images: dict[str, object] | None = None  # sha1 -> ImagePart

    def install(self) -> None:
        """Replace the package's own (scanning) methods on this package object only."""
        self.package.next_partname = self.next_partname
        self.package.next_image_partname = self.next_image_partname
        self.package.get_or_add_image_part = self.get_or_add_image_part

    def next_partname(self, tmpl: str):
        """As ``OpcPackage.next_partname``: tmpl % n for the largest free n up to one more than the count."""
        from pptx.opc.packuri import PackURI

        prefix = tmpl[: (tmpl % 42).find("42")]
        names = self.by_prefix.get(prefix)
        if names is None:
            names = {str(p.partname) for p in self.package.iter_parts() if p.partname.startswith(prefix)}
            self.by_prefix[prefix] = names
        for n in range(len(names) + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in names:
                names.add(candidate)
                return PackURI(candidate)
        raise AssertionError("no free part name")  # unreachable: len + 1 names cannot all be taken

    def next_image_partname(self, ext: str):
        """As ``Package.next_image_partname``: the first free image number."""
        from pptx.opc.packuri import PackURI

        if self.image_numbers is None:
            self.image_numbers = {p.partname.idx for p in self.package.iter_parts()
                                  if p.partname.startswith(IMAGE_PREFIX) and p.partname.idx is not None}
        number = 1
        while number in self.image_numbers:
            number += 1
        self.image_numbers.add(number)
        return PackURI(f"{IMAGE_PREFIX}{number}.{ext}")

    def get_or_add_image_part(self, image_file):
        """As ``Package.get_or_add_image_part``: the package's part with the same picture, else a new one."""
        from pptx.parts.image import Image, ImagePart

        image = Image.from_file(image_file)
        if self.images is None:
            self.images = {}
            for part in self.package._image_parts:  # in the package's order: the first of equal pictures wins
                if hasattr(part, "sha1"):
                    self.images.setdefault(part.sha1, part)
        part = self.images.get(image.sha1)
        if part is None:
            part = ImagePart.new(self.package, image)
            self.images[image.sha1] = part
        return part


class SlideAdder:
    """``Slides.add_slide`` without its two walks over every slide so far: the match for an existing
    relationship (a new slide part has none) and the largest slide id (counted once, then one more each)."""

    def __init__(self, prs):
        self.part = prs.part
        self.ids = prs.slides._sldIdLst
        self.next_id: int | None = None

    def add(self, layout):
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import SlidePart

        slide_part = SlidePart.new(self.part._next_slide_partname, self.part.package, layout.part)
        rId = self.part._rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        slide.shapes.clone_layout_placeholders(layout)
        if self.next_id is None:
            self.next_id = self.ids._next_id
        self.ids._add_sldId(id=self.next_id, rId=rId)
        self.next_id += 1
        return slide
