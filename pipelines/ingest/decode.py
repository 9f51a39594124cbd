"""Bytes to text: binary detection, encoding detection, mojibake repair."""
from __future__ import annotations

import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not text; `reason` is the reject reason."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason


_MOJIBAKE_LEAD = re.compile("[\u0080-\u00ff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


def is_binary(data: bytes) -> bool:
    """Whether the bytes are an image, archive or other non-text file: a known magic number, or NUL bytes
    in more than a tenth of the head without a UTF-16/32 byte order mark (a stray NUL in text is dropped
    when the text is repaired)."""
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:4096]
    return not head.startswith(_UNICODE_BOMS) and head.count(0) * 10 > len(head)


def decode_bytes(data: bytes) -> str:
    """Decode article bytes to text: UTF-8 first, then the encoding charset-normalizer detects."""
    if is_binary(data):
        raise DecodeError("binary", "the file holds binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise DecodeError("not_utf8", "not UTF-8 and no text encoding could be detected") from None
        text = str(best)
    return text


def repair_text(text: str) -> str:
    """Fix mojibake and normalize to NFC, keeping curly quotes and full-width forms as written; drop
    invisible control characters (NUL among them) and replace lone surrogates (from JSON escapes such
    as "\\ud800", which no file can store) with U+FFFD."""
    if _MOJIBAKE_LEAD.search(text):  # mojibake starts with a Latin-1 letter ("â€™")
        text = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, normalization="NFC")
    else:
        text = unicodedata.normalize("NFC", text)
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
