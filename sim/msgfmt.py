"""A message catalogue (.po) compiled to gettext's binary form (.mo), with the standard
library only: the wheel's build compiles the catalogues once (setup.py), and a checkout
or an editable install, which has no .mo, compiles them in memory when first used. So
no translation tool is needed at run time.

Handles what the catalogues use: ``msgid``/``msgstr`` with continued lines, comments,
flags and the header; an untranslated message (empty ``msgstr``) is left out, so it is
shown in English.
"""

from __future__ import annotations

import ast
import struct


def parse_po(text: str) -> dict[str, str]:
    """{msgid: msgstr} of a .po file's text (the header under the empty msgid)."""
    messages: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush():
        if msgid is not None and msgstr is not None:
            source, target = "".join(msgid), "".join(msgstr)
            if target:
                messages[source] = target

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [], None
            current, line = msgid, line[len("msgid "):]
        elif line.startswith("msgstr "):
            msgstr = []
            current, line = msgstr, line[len("msgstr "):]
        elif not line.startswith('"') or current is None:
            raise ValueError(f"line {number}: cannot read {raw!r} (msgctxt and plurals are not used here)")
        current.append(ast.literal_eval(line))
    flush()
    return messages


def to_mo(messages: dict[str, str]) -> bytes:
    """The GNU .mo bytes of ``messages`` (sorted by msgid, no hash table)."""
    keys = sorted(messages)
    ids = [k.encode("utf-8") for k in keys]
    strs = [messages[k].encode("utf-8") for k in keys]
    start = 7 * 4 + 16 * len(keys)  # header, then the two index tables
    id_offsets, offset = [], start
    for b in ids:
        id_offsets += [len(b), offset]
        offset += len(b) + 1
    str_offsets = []
    for b in strs:
        str_offsets += [len(b), offset]
        offset += len(b) + 1
    header = struct.pack("7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    tables = struct.pack(f"{len(id_offsets)}I", *id_offsets) + struct.pack(f"{len(str_offsets)}I", *str_offsets)
    return header + tables + b"".join(b + b"\0" for b in ids) + b"".join(b + b"\0" for b in strs)


def compile_po(text: str) -> bytes:
    return to_mo(parse_po(text))
