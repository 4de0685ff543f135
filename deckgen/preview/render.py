"""Render a finished deck to PDF and PNG pages with LibreOffice and poppler, plus a contact sheet.

LibreOffice runs headless with a private, throw-away profile per call, so previews can run in parallel
and never touch (or wait for) the user's own LibreOffice. ``soffice`` exits 0 even when it could not
convert anything, so success is judged by the PDF it leaves behind.

Finding and running the tools is ``tools.py``; the contact sheet ``sheet.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from deckgen.errors import Diagnostic, EnvironmentProblem, SourceSpan

from .sheet import make_contact_sheet
from .tools import (
    NO_LIBREOFFICE_HINT,
    find_poppler_tool,
    find_soffice,
    no_libreoffice,
    no_pdftoppm,
    output_tail,
    run_tool,
)

_PAGE_FILE = re.compile(r"-(\d+)\.png$")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_PDFINFO_PAGES = re.compile(r"^Pages:\s*(\d+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class PreviewResult:
    """What a preview produced: the PDF, one PNG per page, and the contact sheet (if any page)."""

    pdf: Path
    pages: tuple[Path, ...]
    contact_sheet: Path | None


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
        raise EnvironmentProblem([no_libreoffice(deck)])

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
            code, out, err = run_tool(argv, timeout_s)
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
                        f"{output_tail(err, out)}"
                    ),
                    span=span,
                    hint="check that the file is a valid .pptx (does it open in PowerPoint or LibreOffice?)",
                )
            ]
        )
    return pdf


def pdf_page_count(pdf: Path) -> int:
    """Number of pages: from ``pdfinfo`` when available, else by counting page objects in the file."""
    pdfinfo = find_poppler_tool("pdfinfo")
    if pdfinfo is not None:
        try:
            code, out, _ = run_tool([pdfinfo, str(pdf)], timeout_s=60)
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
    pdftoppm = find_poppler_tool("pdftoppm")
    if pdftoppm is None:
        raise EnvironmentProblem([no_pdftoppm(pdf)])

    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("page-*.png"):
        old.unlink()

    scratch = Path(tempfile.mkdtemp(prefix=".render-", dir=out_dir))
    try:
        try:
            code, out, err = run_tool(
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
                        message=f"pdftoppm could not render {pdf.name} (exit code {code}): {output_tail(err, out)}",
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
        missing.append(no_libreoffice(deck))
    if find_poppler_tool("pdftoppm") is None:
        missing.append(no_pdftoppm(deck))
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
