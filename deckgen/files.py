"""Writing a file so that a failure never leaves half of it behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(out: Path, payload: bytes) -> None:
    """Write beside the target, then replace it: a failed build never leaves a broken deck."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
