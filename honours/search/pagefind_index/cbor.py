"""The few CBOR forms Pagefind's index files use, written as minicbor writes them.

Integers and lengths take the shortest form; arrays and text have definite lengths. Writing them
here rather than through cbor2 lets the writer join pre-encoded postings without decoding them,
and is faster for the millions of small integers a large site has.
"""
from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from functools import cache

_SMALL = 1 << 16
_BYTES = [bytes((n,)) for n in range(256)]


def _table(major: int) -> list[bytes]:
    """Return the encodings of 0 to 65535 with a major type's heads (importing this module is part of every
    build's time: a third of what encoding each number takes)."""
    kind = major << 5
    pack = struct.Struct(">BH").pack
    return [_BYTES[kind | n] for n in range(24)] + [bytes((kind | 24, n)) for n in range(24, 256)] + \
        [pack(kind | 25, n) for n in range(256, _SMALL)]


_UINT = _table(0)


@cache
def _negatives() -> list[bytes]:
    """Return the encodings of -1 to -65536 (-1 - n by n), made the first time one is written: few sites have any."""
    return _table(1)


def head(major: int, value: int) -> bytes:
    """Return the head of a CBOR item: its major type with a length or an unsigned value."""
    if value < 24:
        return bytes([major << 5 | value])
    if value < 256:
        return bytes([major << 5 | 24, value])
    if value < 65536:
        return bytes([major << 5 | 25]) + struct.pack(">H", value)
    if value < 1 << 32:
        return bytes([major << 5 | 26]) + struct.pack(">I", value)
    return bytes([major << 5 | 27]) + struct.pack(">Q", value)


def uint(value: int) -> bytes:
    """Return an unsigned integer."""
    return _UINT[value] if value < _SMALL else head(0, value)


UINTS = _UINT  # uint(n) by n, for n < 65536: a list lookup is faster than a call


class Uints:
    """uint(n) by n for any n, where UINTS is too short."""

    def __getitem__(self, value: int) -> bytes:
        return uint(value)


def integer(value: int) -> bytes:
    """Return a signed integer."""
    if value >= 0:
        return uint(value)
    value = -1 - value
    return _negatives()[value] if value < _SMALL else head(1, value)


def uints(values: Iterable[int]) -> bytes:
    """Return unsigned integers one after the other (the items of an array whose head is written apart)."""
    values = list(values)
    try:
        return b"".join(map(_UINT.__getitem__, values))
    except IndexError:  # a value past the table
        return b"".join(map(uint, values))


def read_uints(data: bytes) -> list[int]:
    """Return the unsigned integers written one after the other in `data`."""
    values, index = [], 0
    while index < len(data):
        additional = data[index] & 31
        size = 0 if additional < 24 else 1 << (additional - 24)
        values.append(additional if not size else int.from_bytes(data[index + 1:index + 1 + size], "big"))
        index += 1 + size
    return values


def text(value: str) -> bytes:
    """Return a text string."""
    data = value.encode("utf-8")
    return head(3, len(data)) + data


def array(items: Sequence[bytes]) -> bytes:
    """Return an array of already-encoded items."""
    return head(4, len(items)) + b"".join(items)


def array_of(count: int, encoded: Iterable[bytes]) -> bytes:
    """Return an array of `count` already-encoded items given one after the other."""
    return head(4, count) + b"".join(encoded)


def int_array(values: Sequence[int]) -> bytes:
    """Return an array of signed integers."""
    if values and min(values) >= 0 and max(values) < _SMALL:
        return head(4, len(values)) + b"".join(map(_UINT.__getitem__, values))
    return head(4, len(values)) + b"".join(map(integer, values))


def text_array(values: Sequence[str]) -> bytes:
    """Return an array of text strings."""
    return array([text(value) for value in values])
