"""Bytes to text: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252/latin-1 when the bytes look like text."""

from __future__ import annotations

import codecs

from ..errors import EncodingError

_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1a")  # \x1a: DOS end-of-file, found in old text files
# Text in a legacy 8-bit encoding has almost no C0 control bytes; 1 in 100 already means a binary
# format (images, archives, office files all have far more). Chosen by hand, not calibrated.
_MAX_CONTROL_SHARE = 0.01
# Every byte but the C0 controls that text never has: deleting these leaves only the suspicious ones,
# counted in C (a Python loop over the bytes cost 0.4 ms a 3 KB article).
_NOT_SUSPICIOUS = bytes(b for b in range(256) if b >= 32 or b in _TEXT_CONTROLS)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode input bytes to text.

    Args:
        data: the raw bytes of a file, a line or standard input.
        source: the name to use in errors.

    Returns:
        The text, without a byte order mark.

    Raises:
        EncodingError: the bytes are binary data, not text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", source)
    if _looks_binary(data):
        raise EncodingError(source, "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1")


def _decode(data: bytes, encoding: str, source: str) -> str:
    """Decode with a codec the BOM names; a decoding error there means the file is damaged."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EncodingError(source, f"not valid {encoding} despite its byte order mark "
                                    f"(byte {error.start})") from None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more C0 control bytes than text ever has."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_SUSPICIOUS))
    return controls > max(1, len(sample) * _MAX_CONTROL_SHARE)
