"""The module matrix of an agreement's QR code: the very matrix ReportLab's encoder makes
(tests compare them module for module, mask choice included), made some fifty times
faster.

ReportLab's QRCode builds the whole symbol nine times per code, module by module in
Python (eight times to score each mask, once more with the chosen one), and computes the
Reed-Solomon codewords with polynomial objects: 20–40 ms a code, more than a third of a
500-agreement batch. Here what does not depend on the data — the function patterns, the
places of the data modules, each mask over them, the format information — is made once
per version with ReportLab's own methods. Per code there remain the codewords (ReportLab's
generator polynomials, applied as a shift register on an integer) and the eight masks,
each applied and scored with ReportLab's rules in a few dozen operations on the whole
symbol held as one integer: row r in bits r·S … r·S+n-1 (S = n + a gap), column c of a
row at bit n-1-c, so neighbours in a row are one bit apart and in a column S bits."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import zip_longest

from reportlab.graphics.barcode.qrencoder import (
    EXP_TABLE,
    LOG_TABLE,
    QRAlphaNum,
    QRCode,
    QRErrorCorrectLevel,
    QRNumber,
    QRRSBlock,
    QRUtil,
)

LEVEL = QRErrorCorrectLevel.M  # some of the code can be smudged or folded and it still reads
MAX_VERSION = 9  # alphanumeric character counts are 9 bits up to version 9
GAP = 16  # light bits between packed rows: no run or pattern reaches across
FINDER_LIKE = 0b10111010000  # dark light dark dark dark light dark, four light


@dataclass(frozen=True)
class _Layout:
    size: int
    stride: int
    blocks: tuple[tuple[int, int], ...]  # (data codewords, all codewords) per RS block
    places: tuple[int, ...]  # the bit of each data module, in placement order
    scoring: int  # function patterns with the format information light, as ReportLab scores
    final: tuple[int, ...]  # per mask: the function patterns with its format information
    masks: tuple[int, ...]  # per mask: its dark modules over the data places
    rows: int  # bits 0 … n-1 of every row
    pairs: int  # bit i of every row for the neighbours at bits i and i+1
    starts: int  # where the finder-like pattern's low end can be (ReportLab's range)
    upper: int  # every row but the last (row i stands for rows i and i+1)
    upper4: int  # rows 0 … n-5 (row i stands for rows i … i+4)


@functools.cache
def _layout(version: int) -> _Layout:
    q = QRCode(version, LEVEL)
    n = q.moduleCount = version * 4 + 17
    stride = n + GAP

    def bit(row: int, col: int) -> int:
        return 1 << (row * stride + n - 1 - col)

    def patterns(test: bool, mask: int) -> int:
        q.modules = [[False] * n for _ in range(n)]
        q.setupPositionProbePattern(0, 0)
        q.setupPositionProbePattern(n - 7, 0)
        q.setupPositionProbePattern(0, n - 7)
        q.setupPositionAdjustPattern()
        q.setupTimingPattern()
        q.setupTypeInfo(test, mask)
        if version >= 7:
            q.setupTypeNumber(test)
        return sum(bit(r, c) for r in range(n) for c in range(n) if q.modules[r][c])

    places = q.dataPosIterator()  # (column, row), in the order ReportLab's mapData fills
    masks = tuple(sum(bit(row, col) for col, row in places if QRUtil.getMask(k)(row, col)) for k in range(8))

    def each_row(value: int, rows: range) -> int:
        return sum(value << (r * stride) for r in rows)

    return _Layout(
        size=n, stride=stride,
        blocks=tuple((b.dataCount, b.totalCount) for b in QRRSBlock.getRSBlocks(version, LEVEL)),
        places=tuple(bit(row, col) for col, row in places),
        scoring=patterns(True, 0), final=tuple(patterns(False, k) for k in range(8)), masks=masks,
        rows=each_row((1 << n) - 1, range(n)),
        pairs=each_row((1 << (n - 1)) - 1, range(n)),
        # ReportLab tries the pattern at columns 0 … n-12: its low end at bits 1 … n-11.
        starts=each_row(((1 << (n - 10)) - 1) & ~1, range(n)),
        upper=each_row((1 << n) - 1, range(n - 1)),
        upper4=each_row((1 << n) - 1, range(n - 4)))


@functools.cache
def _products(count: int) -> tuple[int, ...]:
    """For each byte f: the RS generator polynomial of `count` EC codewords (leading 1
    dropped) times f in GF(256), its coefficients packed as the bytes of an integer."""
    gen = QRUtil.getErrorCorrectPolynomial(count).num[1:]
    out = [0]
    for f in range(1, 256):
        lf = LOG_TABLE[f]
        out.append(int.from_bytes(bytes(EXP_TABLE[(LOG_TABLE[g] + lf) % 255] if g else 0 for g in gen), "big"))
    return tuple(out)


def _ec(data: bytes, count: int) -> bytes:
    """The remainder of data·x^count divided by the generator: a shift register."""
    products = _products(count)
    top = 8 * (count - 1)
    keep = (1 << (8 * count)) - 1
    rem = 0
    for byte in data:
        rem = ((rem << 8) & keep) ^ products[byte ^ (rem >> top)]
    return rem.to_bytes(count, "big")


def _codewords(text: str, version: int, blocks: tuple[tuple[int, int], ...]) -> bytes:
    """QRCode.createData's result: the alphanumeric segment, terminator, padding, then
    the data and EC codewords of the blocks interleaved."""
    seg = QRAlphaNum(text)
    index = {ch: i for i, ch in enumerate(seg.chars)}
    acc, size = seg.mode, 4
    acc, size = acc << seg.getLengthBits(version) | len(text), size + seg.getLengthBits(version)
    for i in range(0, len(text) - 1, 2):
        acc, size = acc << 11 | index[text[i]] * 45 + index[text[i + 1]], size + 11
    if len(text) % 2:
        acc, size = acc << 6 | index[text[-1]], size + 6
    capacity = 8 * sum(d for d, _t in blocks)
    if size + 4 <= capacity:
        acc, size = acc << 4, size + 4
    acc, size = acc << (-size % 8), size + (-size % 8)
    data = acc.to_bytes(size // 8, "big")
    data += bytes((QRCode.PAD0, QRCode.PAD1)[i % 2] for i in range(capacity // 8 - len(data)))
    dc: list[bytes] = []
    ec: list[bytes] = []
    offset = 0
    for count, total in blocks:
        dc.append(data[offset:offset + count])
        ec.append(_ec(dc[-1], total - count))
        offset += count
    return bytes(c for group in (*zip_longest(*dc), *zip_longest(*ec)) for c in group if c is not None)


def _lost_points(m: int, lay: _Layout) -> int:
    """QRUtil.getLostPoint's score of the packed symbol `m`: runs of five or more alike in
    rows and columns (run length - 2 each), 2×2 blocks alike (3 each), the finder-like
    pattern (40 each) and the dark share. ReportLab looks for the finder-like pattern in
    rows only (its column check compares a tuple with a list and never matches) and not at
    a row's last possible place; so does this, or the chosen mask would differ."""
    s, n = lay.stride, lay.size
    # Bit i of `across` is set where the modules at bits i and i+1 are alike; four of
    # those in a row (`run`) mark a run of five or more, and each longer run one more bit.
    across = ~(m ^ (m >> 1)) & lay.pairs
    run = across & (across >> 1) & (across >> 2) & (across >> 3)
    score = run.bit_count() + 2 * (run & ~(run << 1)).bit_count()
    found = lay.starts
    for k in range(11):
        found &= (m >> k) if FINDER_LIKE >> k & 1 else ~(m >> k)
    score += 40 * found.bit_count()
    down = ~(m ^ (m >> s)) & lay.upper  # row i: where rows i and i+1 are alike
    run = down & (down >> s) & (down >> 2 * s) & (down >> 3 * s) & lay.upper4
    score += run.bit_count() + 2 * (run & ~(run << s)).bit_count()
    score += 3 * (down & (down >> 1) & across).bit_count()
    dark = m.bit_count()
    return score + 10 * (abs(100 * dark // (n * n) - 50) // 5)


def version_for(text: str) -> int:
    q = QRCode(None, LEVEL)
    q.addData(text)
    return q.calculate_version()


def rows(text: str) -> list[str]:
    """The modules, row by row, "1" for dark: as ReportLab's QrCodeWidget(text,
    barLevel="M") draws them."""
    version = version_for(text)
    # ReportLab takes digits alone as numeric mode; this knows alphanumeric only.
    if not QRAlphaNum.valid(text) or QRNumber.valid(text) or version > MAX_VERSION:
        return ["".join("1" if m else "0" for m in row) for row in reportlab_matrix(text)]
    lay = _layout(version)
    words = _codewords(text, version, lay.blocks)
    bits = format(int.from_bytes(words, "big"), f"0{8 * len(words)}b")
    data = sum(place for place, b in zip(lay.places, bits, strict=False) if b == "1")  # the rest stay light
    scores = [_lost_points(lay.scoring | (data ^ mask), lay) for mask in lay.masks]
    best = scores.index(min(scores))  # the first of equals, as ReportLab
    m = lay.final[best] | (data ^ lay.masks[best])
    full = (1 << lay.size) - 1
    return [format(m >> (r * lay.stride) & full, f"0{lay.size}b") for r in range(lay.size)]


def matrix(text: str) -> list[list[bool]]:
    return [[ch == "1" for ch in row] for row in rows(text)]


def reportlab_matrix(text: str) -> list[list[bool]]:
    """ReportLab's own encoder, for what this does not cover (and for tests)."""
    q = QRCode(None, LEVEL)
    q.addData(text)
    q.make()
    return [list(row) for row in q.modules]
