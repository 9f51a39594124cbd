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
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


def is_binary(data: bytes) -> bool:
    """Whether the bytes are an image, archive or other non-text file."""
    return data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]


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
    """Fix mojibake and normalize to NFC, keeping curly quotes and full-width forms as written."""
    if not _MOJIBAKE_LEAD.search(text):  # mojibake starts with a Latin-1 letter ("â€™"); none here
        return unicodedata.normalize("NFC", text)
    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, normalization="NFC")
