"""Previews: deck -> PDF (LibreOffice) -> PNG pages (pdftoppm) -> contact sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches, Pt

from deckgen.errors import EnvironmentProblem
from deckgen.preview import (
    PreviewResult,
    convert_to_pdf,
    find_soffice,
    make_contact_sheet,
    pdf_page_count,
    pdf_to_pngs,
    preview_deck,
)
from deckgen.preview import render as render_module
from deckgen.preview import sheet as sheet_module
from deckgen.preview import tools as tools_module
from deckgen.preview.sheet import SHEET_LABEL_HEIGHT_PX, SHEET_MARGIN_PX

SLIDE_TEXTS = ("年度复盘", "GMV +12% year on year", "Next steps")


def _write_deck(path: Path) -> Path:
    prs = Presentation()
    prs.slide_width = Inches(13.333)
    prs.slide_height = Inches(7.5)
    blank = prs.slide_layouts[6]
    for text in SLIDE_TEXTS:
        slide = prs.slides.add_slide(blank)
        box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(11), Inches(2))
        box.text_frame.text = text
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(44)
    prs.save(path)
    return path


def _codes(exc: pytest.ExceptionInfo[EnvironmentProblem]) -> list[str]:
    return [d.code for d in exc.value.diagnostics]


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return _write_deck(tmp_path / "review.pptx")


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 3-slide deck converted once for the module (LibreOffice takes a few seconds)."""
    folder = tmp_path_factory.mktemp("converted")
    return convert_to_pdf(_write_deck(folder / "review.pptx"), folder / "out")


# ----------------------------------------------------------------------------------- with LibreOffice


@pytest.mark.render
def test_convert_to_pdf_makes_one_page_per_slide(converted: Path) -> None:
    assert converted.name == "review.pdf"
    assert converted.stat().st_size > 0
    assert converted.read_bytes().startswith(b"%PDF")
    assert pdf_page_count(converted) == 3


@pytest.mark.render
def test_page_count_falls_back_to_scanning_the_pdf(converted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "find_poppler_tool", lambda name: None)
    assert pdf_page_count(converted) == 3


@pytest.mark.render
def test_pdf_to_pngs_renders_each_page_at_the_slide_aspect_ratio(converted: Path, tmp_path: Path) -> None:
    pages = pdf_to_pngs(converted, tmp_path / "pages", dpi=50)
    assert [p.name for p in pages] == ["page-01.png", "page-02.png", "page-03.png"]
    for page in pages:
        with Image.open(page) as img:
            width, height = img.size
        assert width / height == pytest.approx(16 / 9, rel=0.01)
        assert width == pytest.approx(13.333 * 50, abs=2)


@pytest.mark.render
def test_pdf_to_pngs_removes_pages_left_by_a_longer_earlier_render(converted: Path, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    out.mkdir()
    (out / "page-07.png").write_bytes(b"stale")
    (out / "notes.txt").write_text("not ours")
    pages = pdf_to_pngs(converted, out)
    assert sorted(p.name for p in out.glob("page-*.png")) == [p.name for p in pages]
    assert (out / "notes.txt").exists()


@pytest.mark.render
def test_contact_sheet_of_rendered_pages(converted: Path, tmp_path: Path) -> None:
    pages = pdf_to_pngs(converted, tmp_path / "pages")
    sheet = make_contact_sheet(pages, tmp_path / "sheet.png", columns=5, thumb_width_px=384)
    with Image.open(pages[0]) as first:
        thumb_h = round(384 * first.height / first.width)
    with Image.open(sheet) as img:
        assert img.size == (
            SHEET_MARGIN_PX + 3 * (384 + SHEET_MARGIN_PX),
            SHEET_MARGIN_PX + thumb_h + SHEET_LABEL_HEIGHT_PX + SHEET_MARGIN_PX,
        )


@pytest.mark.render
def test_preview_deck_end_to_end(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    result = preview_deck(deck, out)
    assert isinstance(result, PreviewResult)
    assert result.pdf == out / "review.pdf"
    assert pdf_page_count(result.pdf) == 3
    assert result.pages == tuple(out / "review-pages" / f"page-0{n}.png" for n in (1, 2, 3))
    assert result.contact_sheet == out / "review-contact.png"
    assert all(p.stat().st_size > 0 for p in (*result.pages, result.contact_sheet))

    # A second preview replaces the first, including pages the deck no longer has.
    stale = out / "review-pages" / "page-04.png"
    stale.write_bytes(b"stale")
    again = preview_deck(deck, out)
    assert again == result
    assert not stale.exists()


@pytest.mark.render
def test_garbage_pptx_is_a_convert_failure(tmp_path: Path) -> None:
    # LibreOffice prints "Error: source file could not be loaded", writes nothing and still exits 0.
    bad = tmp_path / "broken.pptx"
    bad.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(EnvironmentProblem) as exc:
        convert_to_pdf(bad, tmp_path / "out")
    assert _codes(exc) == ["preview.convert_failed"]
    diagnostic = exc.value.diagnostics[0]
    assert diagnostic.span.path == str(bad.resolve())
    assert "broken.pdf" in diagnostic.message
    assert exc.value.exit_code == 4
    assert not (tmp_path / "out" / "broken.pdf").exists()


@pytest.mark.render
def test_a_stale_pdf_does_not_hide_a_failed_conversion(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pptx"
    bad.write_bytes(b"not a deck")
    out = tmp_path / "out"
    out.mkdir()
    (out / "broken.pdf").write_bytes(b"%PDF-1.4 from an earlier run")
    with pytest.raises(EnvironmentProblem) as exc:
        convert_to_pdf(bad, out)
    assert _codes(exc) == ["preview.convert_failed"]


# -------------------------------------------------------------------------------- without LibreOffice


def test_no_libreoffice_when_path_is_empty_and_override_points_nowhere(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("DECKGEN_SOFFICE", str(tmp_path / "no" / "soffice"))
    assert find_soffice() is None
    with pytest.raises(EnvironmentProblem) as exc:
        preview_deck(deck, tmp_path / "out")
    assert "preview.no_libreoffice" in _codes(exc)
    diagnostic = next(d for d in exc.value.diagnostics if d.code == "preview.no_libreoffice")
    assert "LibreOffice (soffice) is not installed" in diagnostic.message
    assert "DECKGEN_SOFFICE" in diagnostic.message
    assert "libreoffice-impress" in diagnostic.hint
    assert exc.value.exit_code == 4
    assert not (tmp_path / "out").exists()


def test_no_libreoffice_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("DECKGEN_SOFFICE", raising=False)
    monkeypatch.setattr(tools_module, "SOFFICE_INSTALL_PATHS", (str(tmp_path / "opt" / "lo*" / "soffice"),))
    assert find_soffice() is None
    with pytest.raises(EnvironmentProblem) as exc:
        convert_to_pdf(_write_deck(tmp_path / "d.pptx"), tmp_path / "out")
    assert _codes(exc) == ["preview.no_libreoffice"]


def test_find_soffice_honours_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "my-soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv("DECKGEN_SOFFICE", str(fake))
    assert find_soffice() == str(fake)


def test_find_soffice_looks_in_install_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "opt" / "libreoffice7.6" / "program"
    program.mkdir(parents=True)
    (program / "soffice").write_text("#!/bin/sh\nexit 0\n")
    (program / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("DECKGEN_SOFFICE", raising=False)
    monkeypatch.setattr(
        tools_module,
        "SOFFICE_INSTALL_PATHS",
        (str(tmp_path / "opt" / "libreoffice*" / "program" / "soffice"),),
    )
    assert find_soffice() == str(program / "soffice")


def test_no_pdftoppm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "find_poppler_tool", lambda name: None)
    with pytest.raises(EnvironmentProblem) as exc:
        pdf_to_pngs(tmp_path / "x.pdf", tmp_path / "pages")
    assert _codes(exc) == ["preview.no_pdftoppm"]
    assert "poppler" in exc.value.diagnostics[0].hint


def test_missing_deck(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblem) as exc:
        convert_to_pdf(tmp_path / "nope.pptx", tmp_path / "out")
    assert _codes(exc) == ["preview.deck_not_found"]


def test_page_count_by_scanning_a_hand_written_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_module, "find_poppler_tool", lambda name: None)
    pdf = tmp_path / "two.pdf"
    pdf.write_bytes(
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [3 0 R 4 0 R] /Count 2>> endobj\n"
        b"3 0 obj <</Type /Page /Parent 2 0 R>> endobj\n"
        b"4 0 obj <</Type/Page/Parent 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
    )
    assert pdf_page_count(pdf) == 2


def test_contact_sheet_geometry(tmp_path: Path) -> None:
    pages = []
    for n, colour in enumerate(("white", "navy", "orange", "teal", "grey", "black", "red"), start=1):
        path = tmp_path / f"page-{n:02d}.png"
        Image.new("RGB", (667, 375), colour).save(path)
        pages.append(path)
    thumb_h = round(384 * 375 / 667)

    sheet = make_contact_sheet(pages[:3], tmp_path / "three.png")
    with Image.open(sheet) as img:
        assert img.size == (
            SHEET_MARGIN_PX + 3 * (384 + SHEET_MARGIN_PX),
            SHEET_MARGIN_PX + thumb_h + SHEET_LABEL_HEIGHT_PX + SHEET_MARGIN_PX,
        )
        assert img.getpixel((2, 2)) == sheet_module.SHEET_BACKGROUND
        # the navy page is framed by a thin border in its cell
        x0 = SHEET_MARGIN_PX + 384 + SHEET_MARGIN_PX
        assert img.getpixel((x0 - 1, SHEET_MARGIN_PX + 10)) == sheet_module.SHEET_BORDER
        assert img.getpixel((x0 + 10, SHEET_MARGIN_PX + 10)) == (0, 0, 128)

    sheet = make_contact_sheet(pages, tmp_path / "seven.png", columns=5, thumb_width_px=200, label=False)
    with Image.open(sheet) as img:
        small_h = round(200 * 375 / 667)
        assert img.size == (
            SHEET_MARGIN_PX + 5 * (200 + SHEET_MARGIN_PX),
            SHEET_MARGIN_PX + 2 * (small_h + SHEET_MARGIN_PX),
        )

    with pytest.raises(ValueError):
        make_contact_sheet([], tmp_path / "none.png")
