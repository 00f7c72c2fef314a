"""Text extracted from PDF, cleaned into paragraphs without losing the way back to the source.

What the PDF export does to a bulletin, and what is undone here:
- hard line breaks inside sentences, with blank lines between the lines -> lines joined into paragraphs;
- a leading space on the first line of a page, stray spaces between digits and CJK (`2023年 3月 29日`) -> removed
  (the gold convention: all whitespace goes);
- the character a page break doubles (`人力资源社会保障` / `障厅`) -> the copy dropped;
- markdown `**` and `- ` bullets -> removed.
Each clean character keeps its offset in the source text, so every fact can point at the characters it came from.
The offsets are kept as runs (a clean position and the source offset it starts at), not one per character: cleaning
drops only a few characters per line, so a paragraph is a handful of runs, and a fact maps back by bisection.
"""
import re
from bisect import bisect_right
from dataclasses import dataclass, field

TERMINAL = "。！？：；!?:;"
_CJK = re.compile(r"[\u3400-\u9fff]")


# Slots: a report makes a Line and a Paragraph per source line, and slotted ones are quicker to build.
@dataclass(slots=True)
class Line:
    """One non-blank source line."""
    raw: str
    start: int          # offset of the line's first character in the source
    leading_space: bool  # a page break shows up as a leading space on the new page's first line
    width: int = 0       # display width of the stripped line (a CJK character counts two)


@dataclass(slots=True)
class Paragraph:
    """Clean text plus the way back to the source: run k starts at clean position `starts[k]`, which sits at source
    offset `sources[k]`, and goes on one for one (clean and source advance together) up to the next run."""
    text: str = ""
    starts: list = field(default_factory=list)
    sources: list = field(default_factory=list)

    def source_offset(self, i):
        """The source offset of clean character i."""
        k = bisect_right(self.starts, i) - 1
        return self.sources[k] + i - self.starts[k]

    @property
    def offsets(self):
        """The source offset of every clean character, in order."""
        ends = self.starts[1:] + [len(self.text)]
        return [offset for start, end, source in zip(self.starts, ends, self.sources)
                for offset in range(source, source + end - start)]

    def span(self, start=0, end=None):
        """Source offsets (start, end) of clean characters [start, end)."""
        end = len(self.text) if end is None else end
        if not self.text or start >= end:
            return None
        return self.source_offset(start), self.source_offset(end - 1) + 1

    def gaps(self):
        """The clean positions before which the source had characters that cleaning dropped (spaces, line breaks):
        where the cells of a flattened table were apart."""
        return [start for k, start in enumerate(self.starts[1:], 1)
                if self.sources[k] - self.sources[k - 1] > start - self.starts[k - 1]]

    def sub(self, start, end=None):
        """Clean characters [start, end) as a paragraph of their own."""
        end = len(self.text) if end is None else end
        if start >= end:
            return Paragraph()
        first = bisect_right(self.starts, start) - 1  # the run holding `start`, and the ones starting before `end`
        last = bisect_right(self.starts, end - 1)
        starts = [0] + [s - start for s in self.starts[first + 1:last]]
        sources = [self.source_offset(start)] + self.sources[first + 1:last]
        return Paragraph(self.text[start:end], starts, sources)


_WIDE_RANGES = (r"\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
                r"\U00020000-\U0003fffd")
# The characters that take one column. A bulletin line is mostly wide characters, and counting the few narrow ones
# is several times faster than counting the wide ones (findall makes a string of every character it finds).
_NARROW = re.compile(rf"[^{_WIDE_RANGES}]")


def display_width(text):
    """Columns the text takes in a monospace font: CJK and full-width characters count two."""
    return 2 * len(text) - len(_NARROW.findall(text))


def split_lines(text):
    """The non-blank lines of a source text with their offsets."""
    lines = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        if body.strip():
            indent = len(body) - len(body.lstrip())
            lines.append(Line(body, pos, indent > 0, display_width(body.strip())))
        pos += len(raw)
    return lines


# What \s matches (the characters str.isspace accepts), spelled out: the regex engine tests a class of plain
# characters about twice as fast as the \s category, and every line is scanned.
_WHITESPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_KEPT = re.compile(rf"(?:[^{_WHITESPACE}\ufeff*]|\*(?!\*)(?<!\*\*))+")
_MAYBE_DROPPED = re.compile(rf"[{_WHITESPACE}\ufeff*]")


def clean_line(line):
    """The clean characters of one line and their source offsets: no whitespace, no `**`, no `- ` bullet."""
    raw = line.raw
    first = len(raw) - len(raw.lstrip())
    if raw[first:first + 2] == "- ":
        first += 2
    if not _MAYBE_DROPPED.search(raw, first):
        # Most lines have nothing to drop after their indent: the whole rest is one run of kept characters.
        return Paragraph(raw[first:], [0], [line.start + first])
    chars, starts, sources = [], [], []
    length = 0
    for m in _KEPT.finditer(raw, first):
        chars.append(m.group(0))
        starts.append(length)
        sources.append(line.start + m.start())
        length += m.end() - m.start()
    return Paragraph("".join(chars), starts, sources)


def is_wrapped(lines):
    """True when the text was hard-wrapped at a fixed width (most lines about equally wide)."""
    widths = sorted(line.width for line in lines if line.width >= 20)
    if len(widths) < 8:
        return False
    top = widths[int(len(widths) * 0.8)]
    near_top = sum(1 for w in widths if top - 8 <= w <= top + 4)
    return near_top >= 0.4 * len(widths) and top <= 120


# Words that really do repeat the character before them across a break: 研究院 / 院长, 管理局 / 局长 (and 其中 /
# 中心: see _ENDS_IN_ZHONG).
_REAL_DOUBLES = re.compile(r"^(?:[院局厅处部会站所校社队组科省市县区州行台馆庭]长|委员|人人|常常|天天|年年|处处)")


# The words ending in 中 that 中心 may follow (其中 / 中心窗口…); after any other 中 the break doubled it (法律援助中 /
# 中心).
_ENDS_IN_ZHONG = ("其中", "集中", "之中", "当中", "市中", "正中", "空中", "城中")


def _real_double(before, after):
    """Whether the character that ends `before` and opens `after` is written twice on purpose (银行 / 行长), not
    doubled by the page break: 副行 / 行长 is 副行长, a title never written with the character twice."""
    if after.startswith("中心"):
        return before.endswith(_ENDS_IN_ZHONG)
    return bool(_REAL_DOUBLES.match(after)) and not (after[1:2] == "长" and before[-2:-1] in ("副", "正"))


def append(paragraph, piece, page_break):
    """Join a continuation line to a paragraph, undoing the character a page break doubles."""
    if (page_break and paragraph.text and piece.text and paragraph.text[-1] == piece.text[0]
            and _CJK.match(piece.text[0]) and not _real_double(paragraph.text, piece.text)):
        piece = piece.sub(1)
    length = len(paragraph.text)
    paragraph.text += piece.text
    paragraph.starts.extend(start + length for start in piece.starts)
    paragraph.sources.extend(piece.sources)
