"""Where results go, checked before any work is done.

Every command writes into one folder: ``--out``, or ``results/<name>`` where the name
comes from the scenario or experiment (a plain folder name, checked by the schema).
``output_dir`` refuses, with one line, a folder that is a file, lies under a file, is
a symbolic link, or cannot be written; it creates nothing, so a refused command leaves
no trace. Files are written atomically (``sim.execution.files``).
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.errors import SteersimInputError

RESULTS = Path("results")


def output_dir(out: str | Path | None, default_name: str, key: str = "--out") -> Path:
    """The folder to write into, after checking it can be written."""
    if out is not None and "\x00" in str(out):
        raise SteersimInputError("got a path with a NUL character", key=key)
    path = Path(out) if out is not None else RESULTS / default_name
    check_writable(path, key)
    return path


def check_writable(path: Path, key: str = "--out") -> None:
    # Symbolic links are refused in the folder itself and, for a relative path, in every
    # folder it names (results/, a name from a file): a link planted there could send the
    # results anywhere. Links above an absolute --out (a /tmp that is a link) are the
    # user's own choice.
    named = {path, *path.parents} if not path.is_absolute() else {path}
    for part in [path, *path.parents]:
        if part in named and part.is_symlink():
            raise SteersimInputError(f"{str(path)!r}: {str(part)!r} is a symbolic link; give a real "
                                     f"folder", key=key)
        if part.exists():
            if not part.is_dir():
                what = "is a file" if part == path else f"lies under the file {str(part)!r}"
                raise SteersimInputError(f"{str(path)!r} {what}; give a folder", key=key)
            if not os.access(part, os.W_OK | os.X_OK):
                raise SteersimInputError(f"cannot write in {str(part)!r} (permission denied); "
                                         f"give another folder", key=key)
            return
    raise SteersimInputError(f"{str(path)!r}: no part of it exists", key=key)
