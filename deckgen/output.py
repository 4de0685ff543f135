"""Writing the deck: refuse targets that would destroy the user's files, replace the old deck in one step,
keep its file mode, and clear temporary files a killed build left behind.

The deck is first written to a file without a name (``O_TMPFILE`` on Linux), so a build killed while
writing leaves nothing; it gets a temporary name beside the target only for the instant before it
replaces it. Where unnamed files are not supported, a named temporary file is used, and the next build
removes the ones whose build is gone.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import time
from collections.abc import Mapping
from pathlib import Path

from .errors import Diagnostic, OutputProblem, SourceSpan

STALE_AFTER_S = 60  # a temporary file without a build id, untouched this long, is a leftover

_REASONS = {
    errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied (the folder is read-only?)",
    errno.EPERM: "permission denied", errno.EISDIR: "it is a folder", errno.ENOTDIR: "a folder on the way is a file",
    errno.ENAMETOOLONG: "the name is too long",
}


def check_target(target: Path, inputs: Mapping[str, Path]) -> None:
    """Before any work: the deck can go to ``target`` and would not replace one of ``inputs`` (what each is
    -> its path: the outline, the data files, the theme, the template)."""
    shown = str(target)
    if target.is_dir():
        _fail(shown, "the output is a folder", f"name the deck file, e.g. -o {target / 'deck.pptx'}")
    blocker = next((parent for parent in target.parents if parent.exists() and not parent.is_dir()), None)
    if blocker is not None:
        _fail(shown, f"cannot write the deck: {blocker} is a file, not a folder", "choose another output path")
    for what, path in inputs.items():
        if _same_file(target, path):
            _fail(shown, f"the output is {what}; the deck would replace it",
                  "write the deck to a .pptx file, e.g. -o deck.pptx")
    folder = _existing_folder(target)
    if not os.access(folder, os.W_OK | os.X_OK):
        _fail(shown, f"cannot write the deck: the folder {folder} is read-only", "choose a folder you can write to")


def atomic_write(out: Path, payload: bytes) -> None:
    """Replace ``out`` with ``payload`` in one step; its file mode is kept (a new file gets the usual mode)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(out)
        mode = _mode_for(out)
        temporary = _unnamed(out, payload, mode) or _named(out, payload, mode)
        try:
            os.replace(temporary, out)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        reason = _REASONS.get(error.errno, error.strerror or str(error))
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        _fail(str(out), f"cannot write the deck: {reason}",
              "free some space, or choose another output path" if full else "choose another output path")


def remove_stale(out: Path) -> list[Path]:
    """Temporary files of ``out`` left by builds that are gone (killed while writing)."""
    pattern = re.compile(re.escape(f".{out.name}.") + r"(?:(\d+)\.)?[\w-]+\.tmp$")
    removed = []
    for path in out.parent.glob(f".{out.name}.*.tmp"):
        found = pattern.match(path.name)
        if found and _abandoned(path, found.group(1)):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _abandoned(path: Path, pid: str | None) -> bool:
    if pid is None:  # written by an older deckgen: judged by age
        try:
            return time.time() - path.stat().st_mtime > STALE_AFTER_S
        except OSError:
            return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


_UNSUPPORTED = (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT, errno.EXDEV, errno.EPERM)


def _unnamed(out: Path, payload: bytes, mode: int) -> str | None:
    """Write into a file without a name, then name it: a kill before that leaves nothing behind. None where
    the system cannot (no O_TMPFILE, or no /proc)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag:
        return None
    try:
        descriptor = os.open(out.parent, flag | os.O_WRONLY, mode)
    except OSError as error:
        if error.errno in _UNSUPPORTED:
            return None
        raise
    folder = os.open(out.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _fill(descriptor, payload, mode)
        name = Path(_temporary_name(out)).name
        try:  # a directory descriptor makes Python use linkat(), which can follow /proc's link
            os.link(f"/proc/self/fd/{descriptor}", name, dst_dir_fd=folder, follow_symlinks=True)
        except OSError as error:
            if error.errno in _UNSUPPORTED:
                return None
            raise
        return str(out.parent / name)
    finally:
        os.close(folder)
        os.close(descriptor)


def _named(out: Path, payload: bytes, mode: int) -> str:
    temporary = _temporary_name(out)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        _fill(descriptor, payload, mode)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        os.close(descriptor)
    return temporary


def _fill(descriptor: int, payload: bytes, mode: int) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(descriptor, view):]
    os.fchmod(descriptor, mode)
    os.fsync(descriptor)


def _temporary_name(out: Path) -> str:
    return str(out.parent / f".{out.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _mode_for(out: Path) -> int:
    try:
        return out.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b) or a.resolve() == b.resolve()
    except (OSError, ValueError):
        return False


def _existing_folder(target: Path) -> Path:
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _fail(path: str, message: str, hint: str) -> None:
    raise OutputProblem([Diagnostic("output.unwritable", message, SourceSpan(path), hint)])
