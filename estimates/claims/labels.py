"""Labels: what a number counts when the page names it outside the sentence.

Pages turned into text keep their labels beside the numbers, not in a sentence around them:
  glued    an infobox label run into its value by HTML-to-text conversion ("Deaths80",
           "Non-fatal injuries7,000+", "Depth8.2 km"); the field's further values on the lines
           below it take the same label ("Aftershocks7.3 Mw" / "6.7 Mw")
  colon    a label and a colon (or a tab) before the value ("Deaths: 212")
  caption  a fact sheet's figure alone on its line with its caption on the next one
           ("1,450" / "Fatalities Resulting from the Earthquake")
  column   a table row under a header row ("Freetown 1,234 567" under "District Cases Deaths":
           the header names what each cell counts; extra cells before them are footnote marks)
Each reader gives the label's head noun (nouns.label_head) or None; none of them reads
beyond the number's own line and the few lines around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from estimates.claims.nouns import Counted, NounGrammar, is_plural, is_word, label_head

LABEL_CHARS = 60
"""The longest glued or colon label ("Estimated number of people in need of assistance")."""

LABEL_WORDS = 5
"""Words in an infobox label at most ("Non-fatal injuries", "Property damage")."""

CAPTION_WORDS = 16
"""Words in a fact-sheet caption at most; a longer line is prose, not a caption."""

TABLE_LOOKBACK = 40
"""Rows a table cell looks up for its header row."""


class Lines:
    """The lines of one text as the label readers see them, each line read once.

    `bounds` gives the line holding an offset; numbers come left to right, so it remembers the
    last line and looks for line breaks only beyond it (a megabyte without a line break is one
    line: searching it again for every number on it took quadratic time). A line's list of
    figures, a row's cells and a table's heads are kept by line for the same reason.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._line = (0, -1)
        self.lists: dict[tuple[int, int], dict[int, tuple[Label, float]]] = {}
        self.rows: dict[tuple[int, int], dict[int, Label]] = {}
        self.headers: dict[int, tuple[tuple[Counted, ...], int]] = {}  # row start -> heads, up

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding `pos`: end is its line break or the text's end."""
        start, end = self._line
        if start <= pos <= end:
            return self._line
        floor = end if 0 <= end < pos else 0  # text[end] is a line break before `pos`
        start = self.text.rfind("\n", floor, pos) + 1
        end = self.text.find("\n", pos)
        self._line = (start, len(self.text) if end < 0 else end)
        return self._line


_GLUED = re.compile(r"(?P<label>[A-Z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*) ?$")
_COLON = re.compile(r"(?P<label>[A-Z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*)(?:\s*:\s*|\t+)$")
_ROW = re.compile(
    r"(?P<label>[A-Za-z][^\d\n]*?)(?P<cells>[ \t]*\d[\d,.]*(?:[ \t]+\d[\d,.]*)*)[ \t]*(?=\n|$)",
    re.A,
)
"""A table row: a label, then cells of digits set apart by spaces (one way to split a run of
digits, so a long one fails at once instead of backtracking)."""
_CELL = re.compile(r"\d[\d,.]*")


@dataclass(frozen=True)
class Label:
    """A label found for a number: what it counts and how it was found."""

    counted: Counted | None  # None for a footnote mark
    how: str  # glued, colon, caption, column, footnote


def glued_label(text: str, line_start: int, start: int, g: NounGrammar) -> Label | None:
    """'Deaths80', 'Missing people1,500', 'Damage$5.5 billion': a sentence-case label of
    dictionary words opening the line, run into the number or its currency sign."""
    before = text[max(line_start, start - LABEL_CHARS) : start]
    m = _GLUED.search(before)
    if m is None or start - len(before) + m.start() != line_start:
        return None
    return _label(m.group("label"), "glued", g)


CONTINUED_LINES = 3
"""Values of one infobox field on lines of their own under its labelled line, at most."""

_VALUE = re.compile(r"[$€£¥\d]")


def continued_label(text: str, line_start: int, start: int, g: NounGrammar) -> Label | None:
    """An infobox field with several values puts each on its own line under the labelled one
    ("Aftershocks7.3 Mw on 12 May" / "6.7 Mw on 26 April"): a value opening its line takes the
    glued label of the field it continues."""
    if not _BLANK.fullmatch(text, line_start, start):
        return None
    pos = line_start
    for _ in range(CONTINUED_LINES):
        if pos <= 0:
            return None
        prev = text.rfind("\n", 0, pos - 1) + 1
        m = _VALUE.search(text, prev, pos - 1)
        if m is None:
            return None
        if m.start() > prev:  # the labelled line, or a line of prose
            found = glued_label(text, prev, m.start(), g)
            return Label(found.counted, "continued") if found is not None else None
        pos = prev  # another value of the same field: look further up
    return None


def colon_label(text: str, line_start: int, start: int, g: NounGrammar) -> Label | None:
    """'Deaths: 212', 'Fatalities<tab>1,412': a label and a colon (or a tab, a table's field
    separator) opening the line."""
    before = text[max(line_start, start - LABEL_CHARS) : start]
    m = _COLON.search(before)
    if m is None or start - len(before) + m.start() != line_start:
        return None
    return _label(m.group("label"), "colon", g)


_SEGMENT = re.compile(
    r"\s*(?P<label>[A-Z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*) (?P<num>\d[\d,.]*)"
    r"(?: ?± ?[\d.]+)?\s*"
)
_LINE_SCALE = re.compile(r"\s*\((?:in )?(?P<scale>thousands|millions|billions)\)", re.I)
_LIST_SPLIT = re.compile(r";|,(?!\d)")
_CITATIONS = re.compile(r"\[[^\]\n]{1,30}\]")
LIST_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
"""'(millions)' after a list of figures: the scale every figure in it is written in."""


def list_label(lines: Lines, start: int, g: NounGrammar) -> tuple[Label, float] | None:
    """'Pre-war population 22 ±.5; Refugees 5.5 ±.5; Fatalities 0.5 ±.1 (millions)': a line
    that is a list of labelled figures, each naming what it counts; a scale in brackets at the
    end applies to all of them. Gives the label and the scale (1 when none is written)."""
    line_start, line_end = lines.bounds(start)
    key = (line_start, line_end)
    if key not in lines.lists:  # every figure of a line asks about the same line: read it once
        lines.lists[key] = _list_line(lines.text, line_start, line_end, g)
    return lines.lists[key].get(start)


def _list_line(
    text: str, line_start: int, line_end: int, g: NounGrammar
) -> dict[int, tuple[Label, float]]:
    """The labelled figures of a line that is a list, by the offset of each figure's number."""
    line = _CITATIONS.sub("", text[line_start:line_end])
    scale = 1.0
    m = _LINE_SCALE.search(line)
    if m is not None and not line[m.end() :].strip():
        scale, line = LIST_SCALES[m.group("scale").lower()], line[: m.start()]
    segments = _LIST_SPLIT.split(line)
    if len(segments) < 2 or not all(_SEGMENT.fullmatch(s) for s in segments):
        return {}
    offset = text.find(line[: len(segments[0])], line_start)
    out: dict[int, tuple[Label, float]] = {}
    for seg in segments:
        found = _SEGMENT.fullmatch(seg)
        if found is not None:
            label = _label(found.group("label"), "list", g)
            if label is not None:
                out.setdefault(offset + found.start("num"), (label, scale))
        offset += len(seg) + 1
    return out


def _label(words: str, how: str, g: NounGrammar) -> Label | None:
    """A label is a short noun phrase in sentence case, of words the dictionary knows (or
    plurals it does not, 'Foreshocks'); a name ('Liberia') or a heading in title case
    ('Previously Affected Countries') is no label, and its glued digit a footnote mark."""
    parts = words.split()
    if not parts or len(parts) > LABEL_WORDS:
        return None
    if any(p[0].isupper() for p in parts[1:]):
        return None
    lows = [p.lower() for p in parts]
    if any(w in g.label_stop for w in lows):
        return None
    if not all(is_word(w) or "-" in w or w.endswith("s") and len(w) > 3 for w in lows):
        return None
    counted = label_head(words, g)
    return Label(counted, how) if counted is not None else None


def caption_below(lines: Lines, start: int, end: int, g: NounGrammar) -> Label | None:
    """A figure alone on its line (with its qualifier and scale) and a caption on the next
    non-empty line: 'At least 1,450' / 'Fatalities Resulting from the Earthquake'."""
    text = lines.text
    line_start, line_end = lines.bounds(end)
    if line_end == len(text) or not _BLANK.fullmatch(text, end, line_end):
        return None  # not alone on its line: a table's last cell, a sentence's last figure
    if not _BLANK.fullmatch(text, line_start, start):
        return None
    blank = _BLANK_LINES.match(text, line_end)
    pos = blank.end() if blank else line_end
    nxt = text.find("\n", pos)
    caption = text[pos : nxt if nxt >= 0 else len(text)].strip()
    if not caption or not caption[0].isupper() or caption.endswith((".", ":", "?", "!")):
        return None
    if len(caption.split()) > CAPTION_WORDS or _CELL.match(caption):
        return None
    counted = label_head(caption, g, plural_only=True)  # never "0" / "Advertisement"
    return Label(counted, "caption") if counted is not None else None


_BLANK = re.compile(r"\s*")
_BLANK_LINES = re.compile(r"[\n \t]*")


def column_label(lines: Lines, line_start: int, start: int, g: NounGrammar) -> Label | None:
    """The header of the column a table cell stands in, None when the line is no table row,
    or a "footnote" label when the cell is a footnote mark ('Guinea 2 3814 3358 2544' under a
    header of three columns: the '2')."""
    key = (line_start, lines.bounds(start)[1])
    if key not in lines.rows:  # every cell of a row asks about the same row: read it once
        lines.rows[key] = _row_cells(lines, *key, g)
    return lines.rows[key].get(start)


def _row_cells(lines: Lines, line_start: int, line_end: int, g: NounGrammar) -> dict[int, Label]:
    """Each cell of a table row under a header, by its offset: its column's head, or a
    footnote mark for a cell the header has no column for; empty when the line is no row."""
    text = lines.text
    row = _ROW.fullmatch(text, line_start, line_end)
    if row is None:
        return {}
    if line_start not in lines.headers:
        lines.headers[line_start] = _header(lines, line_start, g)
    heads = lines.headers[line_start][0]
    if not heads:
        return {}
    cells = [m.start() + row.start("cells") for m in _CELL.finditer(row.group("cells"))]
    glued = row.group("cells")[:1].isdigit()  # "Liberia4 10678": the 4 is a footnote mark
    data = cells[1:] if glued else cells
    out = {cells[0]: Label(None, "footnote")} if glued else {}
    if len(data) < len(heads):
        return out
    extra = len(data) - len(heads)  # more cells than heads: marks, unless they read as figures
    for k, cell in enumerate(data):
        if k >= extra:
            out[cell] = Label(heads[k - extra], "column")
        elif _mark(text, cell):
            out[cell] = Label(None, "footnote")
    return out


FOOTNOTE_DIGITS = 1
"""A cell before a row's figures is a footnote mark when it is this short ('Guinea 2 3814'); a
longer one ('Coastal 301 2,100' under a header naming one column) is a figure the header
did not name, kept without a label."""


def _mark(text: str, start: int) -> bool:
    m = _CELL.match(text, start)
    return m is not None and len(m.group(0)) <= FOOTNOTE_DIGITS


def _header(lines: Lines, row_start: int, g: NounGrammar) -> tuple[tuple[Counted, ...], int]:
    """The column heads of the table a row belongs to: the nearest line above, past other
    rows, with no digits and plural nouns outside brackets ('Country Total Cases
    (Suspected, Probable, and Confirmed) Laboratory-Confirmed Cases Total Deaths'); and how
    many lines up they stand. A row right under a row already read takes that row's heads (one
    line further up), so a long table is read once, not TABLE_LOOKBACK times."""
    text = lines.text
    pos = row_start
    for up in range(1, TABLE_LOOKBACK + 1):
        if pos <= 0:
            return (), 0
        prev = text.rfind("\n", 0, pos - 1) + 1
        if prev in lines.headers:  # a row whose heads are known
            heads, above = lines.headers[prev]
            return (heads, up + above) if heads and up + above <= TABLE_LOOKBACK else ((), 0)
        line = text[prev : pos - 1]
        pos = prev
        if not line.strip():
            return (), 0
        if _ROW.fullmatch(line):
            continue
        if any(c.isdigit() for c in line):
            return (), 0
        return _columns(line, g), up
    return (), 0


def _columns(header: str, g: NounGrammar) -> tuple[Counted, ...]:
    """Each column's phrase runs from the end of the previous one to its plural noun, or to
    an adjective that names the people counted ('Injured', 'Missing')."""
    flat = re.sub(r"\([^)]*\)", " ", header)
    out: list[Counted] = []
    words = flat.split()
    begin = 1 if words and words[0].lower() in g.row_heads else 0  # 'Province', 'Country'
    for i, w in enumerate(words):
        low = w.lower().strip(",;")
        if i and (is_plural(low, g) or low in g.standalone):
            found = label_head(" ".join(words[begin : i + 1]), g)
            if low in g.standalone:  # "Dead", "Injured": the people the adjective names
                found = Counted(g.standalone[low], 0, g.standalone[low])
            if found is not None and found.head not in g.meta:  # "Key figures" is a heading
                out.append(found)
            begin = i + 1
    return tuple(out)
