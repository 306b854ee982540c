"""Looking at a file before the XML parser does: empty, not XML, or a DTD that could be an attack.

IATI files never need a DOCTYPE. A DTD is how XML external entities (XXE: reading local files, reaching
the network) and entity expansion bombs ("billion laughs") get in, so a file that declares one is
refused here, before the parser sees it, with the line of the declaration. The parser itself is also
opened with entities, DTDs and the network off (see reader.py): this check is the first of two locks.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ...domain.errors import N_
from ..problems import ImportRefused, Problem

_HEAD = 64 * 1024
_PROLOG_LIMIT = 1024 * 1024  # a prolog longer than this is left to the parser's own locks
_NAME_START = re.compile(r"[A-Za-z_:\u00c0-\uffff]")
_ROOT_NAME = re.compile(r"[^\s/>]+")

# What a file starts with, when it is not XML: told to the user, so they know what they passed.
_MAGIC = ((b"%PDF", N_("a PDF document")), (b"PK\x03\x04", N_("a ZIP archive (for example an XLSX or DOCX file)")),
          (b"\x1f\x8b", N_("a gzip-compressed file")), (b"\xd0\xcf\x11\xe0", N_("an old Microsoft Office file")),
          (b"\x89PNG", N_("a PNG image")), (b"\xff\xd8\xff", N_("a JPEG image")))


@dataclass(frozen=True)
class Prolog:
    root: str  # the root element's name as written, e.g. 'iati-activities'
    encoding: str


def refused(file: str, reason: str, line: int | None = None, value: str | None = None, **params) -> ImportRefused:
    problem = Problem(file, reason, {"file": file, "line": line, **params}, line=line, value=value)
    return ImportRefused([problem], N_("{file} cannot be imported"), file=file)


def _encoding(head: bytes) -> tuple[str, int]:
    """(codec, bytes of BOM) from the byte-order mark or the first bytes; ASCII-compatible otherwise."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return codec, len(bom)
    if head.startswith((b"<\x00", b"\x00<")):
        return ("utf-16-le" if head[0] == 0x3C else "utf-16-be"), 0
    return "utf-8", 0


def _not_xml(file: str, head: bytes, text: str, extension: str) -> ImportRefused:
    looks = next((what for magic, what in _MAGIC if head.startswith(magic)), None)
    if looks is None:
        first = text.lstrip()[:1]
        if first in ("{", "["):
            looks = N_("JSON")
        elif b"\x00" in head[:1024]:
            looks = N_("binary data")
        else:
            looks = N_("plain text")
    if extension == ".xml":
        return refused(file, N_("{file} has the extension .xml but is not XML: it looks like {looks}"),
                       looks=looks)
    return refused(file, N_("{file} is not XML: it looks like {looks}; an IATI file is XML"), looks=looks)


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _doctype(file: str, text: str, pos: int) -> ImportRefused:
    close, bracket = text.find(">", pos), text.find("[", pos)
    end = text.find("]", bracket) if 0 <= bracket < close else close
    declaration = text[pos:end if end > 0 else len(text)]
    if re.match(r"<!DOCTYPE\s+html", declaration, re.IGNORECASE):
        return refused(file, N_("{file} is an HTML page, not IATI XML (a download that returned a web page?)"),
                       line=_line(text, pos))
    entity = declaration.find("<!ENTITY")
    if entity >= 0:
        return refused(file, N_("{file} declares XML entities (line {line}); sursur refuses them because they "
                                "can read local files or expand without end (XXE, 'billion laughs'). IATI files "
                                "need no DOCTYPE: remove it and import again"),
                       line=_line(text, pos + entity), value=declaration[entity:entity + 60])
    return refused(file, N_("{file} has a DOCTYPE declaration (line {line}); sursur refuses DTDs because they can "
                            "bring in external or expanding entities. IATI files need none: remove it and "
                            "import again"), line=_line(text, pos), value=declaration[:60])


def check_prolog(path: Path, file: str) -> Prolog:
    """Reads the start of the file up to its root element; raises ImportRefused with one clear problem."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise refused(file, N_("{file} does not exist")) from None
    except IsADirectoryError:
        raise refused(file, N_("{file} is a folder, not a file")) from None
    except OSError as error:
        raise refused(file, N_("{file} cannot be read: {reason}"), reason=error.strerror or str(error)) from None
    with handle:
        head = handle.read(_HEAD)
        codec, bom = _encoding(head)
        text = head[bom:].decode(codec, errors="replace")
        if not text.strip(" \t\r\n\ufeff"):
            if handle.read(1):  # a first 64 KiB of blanks is odd, but it is not empty
                raise refused(file, N_("{file} starts with 64 KiB of blank space; it is not an IATI file"))
            raise refused(file, N_("{file} is empty"))
        if not text.lstrip(" \t\r\n\ufeff").startswith("<"):
            raise _not_xml(file, head, text, path.suffix.lower())
        pos = 0
        while True:
            while pos < len(text) and text[pos] in " \t\r\n\ufeff":
                pos += 1
            if text.startswith("<?", pos):
                end, skip = text.find("?>", pos), 2
            elif text.startswith("<!--", pos):
                end, skip = text.find("-->", pos), 3
            elif text.startswith("<!", pos) and text[pos + 2:pos + 9].upper() == "DOCTYPE":
                raise _doctype(file, text, pos)
            elif text.startswith("<", pos) and _NAME_START.match(text, pos + 1):
                return Prolog(_ROOT_NAME.match(text, pos + 1).group(0), codec)
            elif pos < len(text):
                raise refused(file, N_("{file} is not well-formed XML: unexpected text before the first element "
                                       "(line {line})"), line=_line(text, pos), value=text[pos:pos + 40])
            else:
                end, skip = -1, 0
            if end < 0:  # the prolog goes on past what was read: read more, within reason
                more = handle.read(_HEAD) if len(head) < _PROLOG_LIMIT else b""
                if not more:
                    return Prolog("", codec)  # the parser's locks and its own errors take over
                head += more
                text = head[bom:].decode(codec, errors="replace")
                continue
            pos = end + skip
