"""Writing results so that a crash or a kill never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_csv(frame, path: Path) -> Path:
    """A table as CSV, written whole or not at all."""
    return write_atomic(path, lambda tmp: frame.to_csv(tmp, index=False))


def write_atomic(path: Path, write: Callable[[str], object]) -> Path:
    """Call ``write(tmp)`` on a hidden temporary file beside ``path``, then rename it into
    place. Readers (and ``pd.read_parquet`` on a folder, which skips dot-files) only ever
    see whole files."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; results are ordinary files
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path
