"""Render a finished deck to PDF and PNG pages with LibreOffice and poppler, plus a contact sheet.

LibreOffice runs headless with a private, throw-away profile per call, so previews can run in parallel
and never touch (or wait for) the user's own LibreOffice. ``soffice`` exits 0 even when it could not
convert anything, so success is judged by the PDF it leaves behind.

Nothing heavy is imported at module level: Pillow is only loaded when a contact sheet is drawn.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.errors import Diagnostic, EnvironmentProblem, SourceSpan

SOFFICE_ENV = "DECKGEN_SOFFICE"

# Where LibreOffice usually lives when it is not on PATH (desktop launchers often have a short PATH).
SOFFICE_INSTALL_PATHS: tuple[str, ...] = (
    "/usr/bin/soffice",
    "/usr/bin/libreoffice",
    "/usr/local/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/snap/bin/libreoffice",
    "/opt/homebrew/bin/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.exe",
)
POPPLER_INSTALL_DIRS: tuple[str, ...] = ("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin")

NO_LIBREOFFICE_MESSAGE = "LibreOffice (soffice) is not installed, so the deck cannot be rendered to PDF/PNG"
NO_LIBREOFFICE_HINT = (
    "install it, e.g. `sudo apt-get install libreoffice-impress` (Debian/Ubuntu) or "
    "`brew install --cask libreoffice` (macOS), or set DECKGEN_SOFFICE to its path"
)
NO_PDFTOPPM_MESSAGE = "pdftoppm (poppler) is not installed, so the PDF cannot be rendered to PNG pages"
NO_PDFTOPPM_HINT = (
    "install it, e.g. `sudo apt-get install poppler-utils` (Debian/Ubuntu) or `brew install poppler` (macOS)"
)

# Contact sheet geometry, in pixels.
SHEET_MARGIN_PX = 16  # around the sheet and between cells
SHEET_LABEL_HEIGHT_PX = 28  # room for the slide number under each thumbnail
SHEET_BACKGROUND = (236, 236, 236)
SHEET_BORDER = (160, 160, 160)
SHEET_LABEL_COLOUR = (64, 64, 64)

_STDERR_TAIL_CHARS = 800
_PAGE_FILE = re.compile(r"-(\d+)\.png$")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_PDFINFO_PAGES = re.compile(r"^Pages:\s*(\d+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class PreviewResult:
    """What a preview produced: the PDF, one PNG per page, and the contact sheet (if any page)."""

    pdf: Path
    pages: tuple[Path, ...]
    contact_sheet: Path | None


# --------------------------------------------------------------------------------------------- tools


def find_soffice() -> str | None:
    """The LibreOffice executable to use, or None.

    ``DECKGEN_SOFFICE`` wins when set: it is used if it names an executable (a path or a command on
    PATH) and otherwise nothing is, so a wrong setting is reported instead of silently bypassed.
    """
    override = os.environ.get(SOFFICE_ENV, "").strip()
    if override:
        return shutil.which(override)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in SOFFICE_INSTALL_PATHS:
        for candidate in sorted(glob.glob(pattern), reverse=True):  # newest /opt/libreofficeX.Y first
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
    return None


def _find_poppler_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in POPPLER_INSTALL_DIRS:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _no_libreoffice(deck: Path) -> Diagnostic:
    message = NO_LIBREOFFICE_MESSAGE
    override = os.environ.get(SOFFICE_ENV, "").strip()
    if override:
        message += f" ({SOFFICE_ENV}={override!r} is not an executable)"
    return Diagnostic(
        code="preview.no_libreoffice", message=message, span=SourceSpan(str(deck)), hint=NO_LIBREOFFICE_HINT
    )


def _no_pdftoppm(pdf: Path) -> Diagnostic:
    return Diagnostic(
        code="preview.no_pdftoppm",
        message=NO_PDFTOPPM_MESSAGE,
        span=SourceSpan(str(pdf)),
        hint=NO_PDFTOPPM_HINT,
    )


def _tail(*outputs: str | bytes | None) -> str:
    """The last few hundred characters of a tool's output, without LibreOffice's harmless Java noise."""
    lines: list[str] = []
    for output in outputs:
        if not output:
            continue
        text = output.decode(errors="replace") if isinstance(output, bytes) else output
        lines += [line for line in text.splitlines() if line.strip() and "javaldx" not in line]
    text = "\n".join(lines)
    return text[-_STDERR_TAIL_CHARS:] if text else "(no output)"


def _run(argv: list[str], timeout_s: float) -> tuple[int, str, str]:
    """Run a tool in its own process group, killing the whole group on timeout (soffice forks)."""
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:  # pragma: no cover - Windows
            proc.kill()
        proc.communicate()
        raise
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")


# ----------------------------------------------------------------------------------------------- PDF


def convert_to_pdf(deck: Path, out_dir: Path, timeout_s: float = 300) -> Path:
    """Convert ``deck`` to ``out_dir/<deck stem>.pdf`` with headless LibreOffice; return the PDF path."""
    deck = Path(deck).resolve()
    out_dir = Path(out_dir)
    span = SourceSpan(str(deck))
    if not deck.is_file():
        raise EnvironmentProblem(
            [Diagnostic(code="preview.deck_not_found", message=f"there is no deck at {deck}", span=span)]
        )
    soffice = find_soffice()
    if soffice is None:
        raise EnvironmentProblem([_no_libreoffice(deck)])

    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{deck.stem}.pdf"
    pdf.unlink(missing_ok=True)  # a PDF left by an earlier run must not pass for this one

    profile = Path(tempfile.mkdtemp(prefix="deckgen-lo-profile-"))
    argv = [
        soffice,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir.resolve()),
        str(deck),
    ]
    try:
        try:
            code, out, err = _run(argv, timeout_s)
        except subprocess.TimeoutExpired:
            raise EnvironmentProblem(
                [
                    Diagnostic(
                        code="preview.convert_failed",
                        message=f"LibreOffice did not finish converting the deck within {timeout_s:g} s",
                        span=span,
                        hint="check that the deck opens in PowerPoint or LibreOffice, or retry",
                    )
                ]
            ) from None
        except OSError as exc:
            raise EnvironmentProblem(
                [
                    Diagnostic(
                        code="preview.convert_failed",
                        message=f"LibreOffice could not be started ({soffice}): {exc}",
                        span=span,
                        hint=NO_LIBREOFFICE_HINT,
                    )
                ]
            ) from exc
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise EnvironmentProblem(
            [
                Diagnostic(
                    code="preview.convert_failed",
                    message=(
                        f"LibreOffice did not produce {pdf.name} (exit code {code}); its output ends with:\n"
                        f"{_tail(err, out)}"
                    ),
                    span=span,
                    hint="check that the file is a valid .pptx (does it open in PowerPoint or LibreOffice?)",
                )
            ]
        )
    return pdf


def pdf_page_count(pdf: Path) -> int:
    """Number of pages: from ``pdfinfo`` when available, else by counting page objects in the file."""
    pdfinfo = _find_poppler_tool("pdfinfo")
    if pdfinfo is not None:
        try:
            code, out, _ = _run([pdfinfo, str(pdf)], timeout_s=60)
        except (OSError, subprocess.TimeoutExpired):
            code, out = 1, ""
        match = _PDFINFO_PAGES.search(out) if code == 0 else None
        if match:
            return int(match.group(1))
    # "/Type /Page" but not "/Type /Pages". Good enough for LibreOffice's uncompressed page tree.
    return len(_PAGE_OBJECT.findall(Path(pdf).read_bytes()))


# ----------------------------------------------------------------------------------------------- PNG


def pdf_to_pngs(pdf: Path, out_dir: Path, dpi: int = 50) -> tuple[Path, ...]:
    """Render each page to ``out_dir/page-01.png`` … with ``pdftoppm``; return the paths in page order.

    Page files left in ``out_dir`` by an earlier, longer render are removed first.
    """
    pdf = Path(pdf)
    out_dir = Path(out_dir)
    pdftoppm = _find_poppler_tool("pdftoppm")
    if pdftoppm is None:
        raise EnvironmentProblem([_no_pdftoppm(pdf)])

    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("page-*.png"):
        old.unlink()

    scratch = Path(tempfile.mkdtemp(prefix=".render-", dir=out_dir))
    try:
        try:
            code, out, err = _run(
                [pdftoppm, "-r", str(int(dpi)), "-png", str(pdf), str(scratch / "p")], timeout_s=600
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            code, out, err = -1, "", str(exc) or type(exc).__name__
        rendered = sorted(
            (int(m.group(1)), path)
            for path in scratch.iterdir()
            if (m := _PAGE_FILE.search(path.name)) is not None
        )
        if code != 0 or not rendered:
            raise EnvironmentProblem(
                [
                    Diagnostic(
                        code="preview.render_failed",
                        message=f"pdftoppm could not render {pdf.name} (exit code {code}): {_tail(err, out)}",
                        span=SourceSpan(str(pdf)),
                    )
                ]
            )
        width = max(2, len(str(rendered[-1][0])))
        pages: list[Path] = []
        for number, path in rendered:
            target = out_dir / f"page-{number:0{width}d}.png"
            os.replace(path, target)
            pages.append(target)
        return tuple(pages)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def make_contact_sheet(
    pages: Sequence[Path],
    out: Path,
    columns: int = 5,
    thumb_width_px: int = 384,
    label: bool = True,
) -> Path:
    """Draw the pages as a grid of thumbnails on a light grey sheet, each framed and numbered; save as PNG.

    Cells are ``thumb_width_px`` wide and as tall as the first page scaled to that width; the grid has
    ``min(columns, len(pages))`` columns.
    """
    from PIL import Image, ImageDraw, ImageFont

    if not pages:
        raise ValueError("a contact sheet needs at least one page")
    if columns < 1 or thumb_width_px < 1:
        raise ValueError("columns and thumb_width_px must be positive")

    with Image.open(pages[0]) as first:
        first_w, first_h = first.size
    thumb_w = thumb_width_px
    thumb_h = max(1, round(thumb_w * first_h / first_w))
    label_h = SHEET_LABEL_HEIGHT_PX if label else 0
    margin = SHEET_MARGIN_PX
    cols = min(columns, len(pages))
    rows = -(-len(pages) // cols)
    sheet = Image.new(
        "RGB",
        (margin + cols * (thumb_w + margin), margin + rows * (thumb_h + label_h + margin)),
        SHEET_BACKGROUND,
    )
    draw = ImageDraw.Draw(sheet)
    font = _label_font(ImageFont, SHEET_LABEL_HEIGHT_PX * 2 // 3) if label else None

    for index, page in enumerate(pages):
        cell_x = margin + (index % cols) * (thumb_w + margin)
        cell_y = margin + (index // cols) * (thumb_h + label_h + margin)
        with Image.open(page) as img:
            img = img.convert("RGB")
            scale = min(thumb_w / img.width, thumb_h / img.height)
            size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
            thumb = img.resize(size, Image.Resampling.LANCZOS)
        x = cell_x + (thumb_w - thumb.width) // 2
        y = cell_y + (thumb_h - thumb.height) // 2
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=SHEET_BORDER, width=1)
        if font is not None:
            text = str(index + 1)
            left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
            text_x = cell_x + (thumb_w - (right - left)) / 2 - left
            text_y = cell_y + thumb_h + (label_h - (bottom - top)) / 2 - top
            draw.text((text_x, text_y), text, fill=SHEET_LABEL_COLOUR, font=font)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, format="PNG", optimize=True)
    return out


def _label_font(image_font: Any, size: int) -> Any:
    """Pillow's built-in font at ``size`` px (Pillow >= 10.1 with FreeType), else its small bitmap font."""
    try:
        return image_font.load_default(size=size)
    except (TypeError, OSError, ImportError):
        return image_font.load_default()


# -------------------------------------------------------------------------------------------- whole


def preview_deck(deck: Path, out_dir: Path, dpi: int = 50) -> PreviewResult:
    """Render ``x.pptx`` to ``out_dir/x.pdf``, ``out_dir/x-pages/page-NN.png`` and ``out_dir/x-contact.png``.

    Both external tools are checked before the (slow) conversion starts, and all that are missing are
    reported together. Files from an earlier preview of the same deck are replaced.
    """
    deck = Path(deck)
    out_dir = Path(out_dir)
    missing: list[Diagnostic] = []
    if find_soffice() is None:
        missing.append(_no_libreoffice(deck))
    if _find_poppler_tool("pdftoppm") is None:
        missing.append(_no_pdftoppm(deck))
    if missing:
        raise EnvironmentProblem(missing)

    stem = deck.stem
    pages_dir = out_dir / f"{stem}-pages"
    contact = out_dir / f"{stem}-contact.png"
    # Clear the previous preview up front, so a failed run leaves nothing stale that looks current.
    contact.unlink(missing_ok=True)
    if pages_dir.is_dir():
        for old in pages_dir.glob("page-*.png"):
            old.unlink()
    pdf = convert_to_pdf(deck, out_dir)
    pages = pdf_to_pngs(pdf, pages_dir, dpi=dpi)
    sheet = make_contact_sheet(pages, contact) if pages else None
    return PreviewResult(pdf=pdf, pages=pages, contact_sheet=sheet)
