"""Fixtures for the data tests.

``postgres_url``: a throwaway PostgreSQL server for the pushdown tests: a fresh cluster in a temporary folder,
reached over a Unix socket only, stopped at the end of the session.

The server binaries come from PATH or Debian's /usr/lib/postgresql/<version>/bin (.ci/run installs the
``postgresql`` package). PostgreSQL refuses to run as root, so as root the cluster belongs to ``nobody``.
Locally a missing server skips the tests; on CI (CI=true) it fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from glob import glob
from pathlib import Path

import pytest

NOBODY = 65534


def server_binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(Path(path).parts[4]))
    return Path(versions[-1]).parent if versions else None


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _as_owner() -> dict:
    return {"user": NOBODY, "group": NOBODY} if os.geteuid() == 0 else {}


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL for database ``shop`` on a new server."""
    binaries = server_binaries()
    if binaries is None:
        if _on_ci():
            pytest.fail("PostgreSQL (initdb, postgres) is needed on CI; .ci/run installs it", pytrace=False)
        pytest.skip("PostgreSQL server binaries not installed")
    folder = Path(tempfile.mkdtemp(prefix="deckgen-pg-"))
    os.chmod(folder, 0o755)
    data = folder / "data"
    data.mkdir()
    if os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
        os.chown(data, NOBODY, NOBODY)
    owner = _as_owner()
    subprocess.run([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--no-locale"], check=True, capture_output=True, **owner)
    server = subprocess.Popen([str(binaries / "postgres"), "-D", str(data), "-k", str(folder), "-c",
                               "listen_addresses=", "-c", "fsync=off"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, **owner)
    try:
        _wait_for(folder)
        _create_database(folder)
        yield f"postgresql+psycopg://postgres@/shop?host={folder}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for(folder: Path, seconds: float = 30) -> None:
    ends = time.monotonic() + seconds
    while not list(folder.glob(".s.PGSQL.*")):
        if time.monotonic() > ends:
            raise RuntimeError("PostgreSQL did not start")
        time.sleep(0.1)
    time.sleep(0.3)


def _create_database(folder: Path) -> None:
    import psycopg

    for _ in range(50):
        try:
            with psycopg.connect(host=str(folder), user="postgres", dbname="postgres", autocommit=True) as conn:
                conn.execute("CREATE DATABASE shop")
                return
        except psycopg.OperationalError:
            time.sleep(0.1)
    raise RuntimeError("cannot connect to PostgreSQL")
