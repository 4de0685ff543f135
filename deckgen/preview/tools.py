"""The external tools of a preview: finding LibreOffice and poppler, running them, and what to say when one
is missing or fails."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
from pathlib import Path

from deckgen.errors import Diagnostic, SourceSpan

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

_STDERR_TAIL_CHARS = 800


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


def find_poppler_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in POPPLER_INSTALL_DIRS:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def no_libreoffice(deck: Path) -> Diagnostic:
    message = NO_LIBREOFFICE_MESSAGE
    override = os.environ.get(SOFFICE_ENV, "").strip()
    if override:
        message += f" ({SOFFICE_ENV}={override!r} is not an executable)"
    return Diagnostic(
        code="preview.no_libreoffice", message=message, span=SourceSpan(str(deck)), hint=NO_LIBREOFFICE_HINT
    )


def no_pdftoppm(pdf: Path) -> Diagnostic:
    return Diagnostic(
        code="preview.no_pdftoppm",
        message=NO_PDFTOPPM_MESSAGE,
        span=SourceSpan(str(pdf)),
        hint=NO_PDFTOPPM_HINT,
    )


def output_tail(*outputs: str | bytes | None) -> str:
    """The last few hundred characters of a tool's output, without LibreOffice's harmless Java noise."""
    lines: list[str] = []
    for output in outputs:
        if not output:
            continue
        text = output.decode(errors="replace") if isinstance(output, bytes) else output
        lines += [line for line in text.splitlines() if line.strip() and "javaldx" not in line]
    text = "\n".join(lines)
    return text[-_STDERR_TAIL_CHARS:] if text else "(no output)"


def run_tool(argv: list[str], timeout_s: float) -> tuple[int, str, str]:
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
