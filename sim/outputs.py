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


def short(path: str | Path, keep: int = 60) -> str:
    """A path for a one-line message: whole when short, else its start and end."""
    text = str(path)
    return text if len(text) <= keep else f"{text[:keep - 20]}...{text[-17:]}"


def check_name_lengths(path: Path, key: str) -> None:
    """Each name in ``path`` within the file system's limit (255 bytes on most), the
    whole within PATH_MAX: refused in one line naming ``key`` and the file."""
    try:
        limit = os.pathconf(".", "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    for part in path.parts:
        if len(part.encode("utf-8", "surrogateescape")) > limit:
            raise SteersimInputError(f"{short(path)!r}: the name {short(part, 30)!r} is {len(part)} characters, "
                                     f"longer than the file system allows ({limit})", key=key)
    if len(str(path).encode("utf-8", "surrogateescape")) >= 4096:
        raise SteersimInputError(f"{short(path)!r}: the path is longer than the file system allows (4,096 bytes)",
                                 key=key)


def check_writable(path: Path, key: str = "--out") -> None:
    check_name_lengths(path, key)
    _check_writable(path, key)


def _check_writable(path: Path, key: str) -> None:
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
            _probe(part, path, key)
            return
    raise SteersimInputError(f"{str(path)!r}: no part of it exists", key=key)


def _probe(folder: Path, path: Path, key: str) -> None:
    # os.access says yes to root everywhere, and knows nothing of read-only or virtual
    # file systems (/proc, /sys): make a folder there and remove it, which leaves no trace.
    import tempfile
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".steersim-probe-", dir=folder))
    except OSError as exc:
        raise SteersimInputError(f"{short(path)!r}: cannot create a folder in {str(folder)!r} ({exc.strerror or exc}); "
                                 f"give another folder", key=key) from None
