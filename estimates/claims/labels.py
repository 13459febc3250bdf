"""Labels: what a number counts when the page names it outside the sentence.

Pages turned into text keep their labels beside the numbers, not in a sentence around them:
  glued    an infobox label run into its value by HTML-to-text conversion ("Deaths80",
           "Non-fatal injuries7,000+", "Depth8.2 km"); the field's further values on the lines
           below it take the same label ("Aftershocks7.3 Mw" / "6.7 Mw")
  colon    a label and a colon before the value ("Deaths: 212")
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

Headers = dict[int, tuple[Counted, ...]]
"""Column heads of the table a row belongs to, by the row's offset, remembered for one text."""

_GLUED = re.compile(r"(?P<label>[A-Z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*) ?$")
_COLON = re.compile(r"(?P<label>[A-Z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*)\s*:\s*$")
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
    if text[line_start:start].strip():
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
    """'Deaths: 212': a label and a colon opening the line."""
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


def list_label(
    text: str, line_start: int, start: int, g: NounGrammar
) -> tuple[Label, float] | None:
    """'Pre-war population 22 ±.5; Refugees 5.5 ±.5; Fatalities 0.5 ±.1 (millions)': a line
    that is a list of labelled figures, each naming what it counts; a scale in brackets at the
    end applies to all of them. Gives the label and the scale (1 when none is written)."""
    line_end = text.find("\n", start)
    line = _CITATIONS.sub("", text[line_start : len(text) if line_end < 0 else line_end])
    scale = 1.0
    m = _LINE_SCALE.search(line)
    if m is not None and not line[m.end() :].strip():
        scale, line = LIST_SCALES[m.group("scale").lower()], line[: m.start()]
    segments = _LIST_SPLIT.split(line)
    if len(segments) < 2 or not all(_SEGMENT.fullmatch(s) for s in segments):
        return None
    offset = text.find(line[: len(segments[0])], line_start)
    for seg in segments:
        found = _SEGMENT.fullmatch(seg)
        begin = offset + (found.start("num") if found else 0)
        if found is not None and begin == start:
            label = _label(found.group("label"), "list", g)
            return (label, scale) if label is not None else None
        offset += len(seg) + 1
    return None


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


def caption_below(text: str, line_start: int, start: int, end: int, g: NounGrammar) -> Label | None:
    """A figure alone on its line (with its qualifier and scale) and a caption on the next
    non-empty line: 'At least 1,450' / 'Fatalities Resulting from the Earthquake'."""
    line_end = text.find("\n", end)
    if line_end < 0 or text[end:line_end].strip() or text[line_start:start].strip():
        return None  # not alone on its line: a table's last cell, a sentence's last figure
    pos = line_end
    while pos < len(text) and text[pos] in "\n \t":
        pos += 1
    nxt = text.find("\n", pos)
    caption = text[pos : nxt if nxt >= 0 else len(text)].strip()
    if not caption or not caption[0].isupper() or caption.endswith((".", ":", "?", "!")):
        return None
    if len(caption.split()) > CAPTION_WORDS or _CELL.match(caption):
        return None
    counted = label_head(caption, g, plural_only=True)  # never "0" / "Advertisement"
    return Label(counted, "caption") if counted is not None else None


def column_label(
    text: str, line_start: int, start: int, g: NounGrammar, headers: Headers
) -> Label | None:
    """The header of the column a table cell stands in, None when the line is no table row,
    or a "footnote" label when the cell is a footnote mark ('Guinea 2 3814 3358 2544' under a
    header of three columns: the '2')."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    row = _ROW.fullmatch(text, line_start, line_end)
    if row is None:
        return None
    if line_start not in headers:  # every cell of a row asks for the same header
        headers[line_start] = _header(text, line_start, g)
    heads = headers[line_start]
    if not heads:
        return None
    cells = [m.start() + row.start("cells") for m in _CELL.finditer(row.group("cells"))]
    if start not in cells:
        return None
    glued = row.group("cells")[:1].isdigit()  # "Liberia4 10678": the 4 is a footnote mark
    data = cells[1:] if glued else cells
    if start not in data or len(data) < len(heads):
        return Label(None, "footnote") if start not in data else None
    extra = len(data) - len(heads)
    if data.index(start) < extra:  # more cells than heads: a mark, unless it reads as a figure
        return Label(None, "footnote") if _mark(text, start) else None
    return Label(heads[data.index(start) - extra], "column")


FOOTNOTE_DIGITS = 1
"""A cell before a row's figures is a footnote mark when it is this short ('Guinea 2 3814'); a
longer one ('Coastal 301 2,100' under a header naming one column) is a figure the header
did not name, kept without a label."""


def _mark(text: str, start: int) -> bool:
    m = _CELL.match(text, start)
    return m is not None and len(m.group(0)) <= FOOTNOTE_DIGITS


def _header(text: str, row_start: int, g: NounGrammar) -> tuple[Counted, ...]:
    """The column heads of the table a row belongs to: the nearest line above, past other
    rows, with no digits and plural nouns outside brackets ('Country Total Cases
    (Suspected, Probable, and Confirmed) Laboratory-Confirmed Cases Total Deaths')."""
    pos = row_start
    for _ in range(TABLE_LOOKBACK):
        if pos <= 0:
            return ()
        prev = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev : pos - 1]
        pos = prev
        if not line.strip():
            return ()
        if _ROW.fullmatch(line):
            continue
        if any(c.isdigit() for c in line):
            return ()
        return _columns(line, g)
    return ()


def _columns(header: str, g: NounGrammar) -> tuple[Counted, ...]:
    """Each column's phrase runs from the end of the previous one to its plural noun, or to
    an adjective that names the people counted ('Injured', 'Missing')."""
    flat = re.sub(r"\([^)]*\)", " ", header)
    out: list[Counted] = []
    words = flat.split()
    begin = 0
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
