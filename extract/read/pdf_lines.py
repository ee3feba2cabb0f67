"""A fixed-layout page's lines -> text: wrapped lines joined, table rows put back together.

Used by both PDF engines and the OFD reader. Each line carries one item per
character (a PDFium character reference, or a box) so that every character of
the text still knows where it came from; `filler` is the item of a character
the reader inserts (a space, a paragraph break, a cell border).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Optional

import regex


@dataclass
class Cell:
    x0: float
    x1: float
    text: str
    items: list[Any]
    bottom: float = 0.0
    top: Optional[float] = None  # set for cells joined from a line above the row's first baseline


@dataclass
class Line:
    """One line of a page: its text (table cells marked with "|"), an item per character, and
    where it lies. Coordinates go up the page (PDF's own; readers with y downwards negate)."""

    text: str
    items: list[Any]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    plain: bool = True  # False: the reader inserted characters into it (an OFD cell border)
    cells: Optional[list[Cell]] = None
    base_right: float = 0.0  # right end of the cells the row started with


def body_size_of(lines: list[tuple[float, bool, int]]) -> float:
    """The body text's font size: the size most characters of full-width lines are set in
    (titles rarely fill a line; table rows are not prose)."""
    votes: Counter = Counter()
    for size, full, n in lines:
        if full:
            votes[size] += n
    if not votes:
        for size, _full, n in lines:
            votes[size] += n
    return votes.most_common(1)[0][0] if votes else 0.0


def join_lines(lines: list[Line], filler: Any, char_width: Optional[float] = None) -> tuple[str, list[Any]]:
    """Join a page's lines: a body line that reaches the right margin continues on the next;
    anything else ends its paragraph ("\\n\\n"). `char_width` defaults to the body font size."""
    if not lines:
        return "", []
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    width = char_width or 10.0
    body = body_size_of([(ln.size, right - ln.x1 < 2.0 * (char_width or ln.size or 10.0) and ln.plain
                          and "|" not in ln.text, len(ln.text)) for ln in lines])
    cw = char_width or body or width

    def body_line(ln: Line) -> bool:
        # Titles and headings set larger than the body never continue onto the next line; nor do table rows.
        return abs(ln.size - body) <= 0.5 and ln.plain and "|" not in ln.text
    out: list[str] = []
    items: list[Any] = []
    prev_full = False
    for i, ln in enumerate(lines):
        if i:
            indented = ln.x0 - left > 1.2 * cw
            if prev_full and not indented and body_line(ln):
                if out and out[-1][-1:].isascii() and out[-1][-1:].isalnum() and ln.text[:1].isascii() and ln.text[:1].isalnum():
                    out.append(" ")
                    items.append(filler)
            else:
                out.append("\n\n")
                items.extend([filler, filler])
        out.append(ln.text)
        items.extend(ln.items)
        prev_full = right - ln.x1 < 2.0 * cw and body_line(ln)
    return "".join(out), items


def table_rows(lines: list[Line], cells_of: Callable[[Line], list[Cell]], filler: Any) -> list[Line]:
    """Put back together table rows whose cells wrap: a cell's second line ("业目标" under
    "城镇新增就"), and cells further right, come as lines of their own.

    A line joins the table row above it when it sits on the row's first baseline (more
    cells of the row), or just below cells of the row, inside their columns and not in the
    first column (a cell's next line). A line starting in the first column is a new row."""
    lines = _same_baseline(lines, filler)
    out: list[Line] = []
    row: Optional[Line] = None
    for i, ln in enumerate(lines):
        if row is not None and (_merged_label(row, ln) or _joins(row, ln, cells_of, _has_sibling(lines, i))):
            continue
        if row is not None:
            out.append(_row_line(row, filler))
            row = None
        if "|" in ln.text or _figures_beside_label(ln, out):
            ln.cells = cells_of(ln) if "|" in ln.text else [Cell(ln.x0, ln.x1, ln.text, ln.items, ln.bottom)]
            row = ln if ln.cells else None
            if row is None:
                out.append(ln)
            else:
                _take_stacked(row, out)
                row.base_right = max(c.x1 for c in row.cells)
        else:
            out.append(ln)
    if row is not None:
        out.append(_row_line(row, filler))
    return _empty_cells(out, filler)


def _same_baseline(lines: list[Line], filler: Any) -> list[Line]:
    """Lines that PDFium gives one after the other on one baseline, far apart ("华容县第二人民医院",
    then "8000" under its column), are the cells of one row."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and abs(ln.top - prev.top) <= 0.3 * (prev.size or 10.0) and abs(ln.size - prev.size) <= 1.0 \
                and ln.x0 - prev.x1 >= 0.6 * (prev.size or 10.0):
            out[-1] = Line(prev.text + "|" + ln.text, prev.items + [filler] + ln.items, prev.x0, ln.x1,
                           max(prev.top, ln.top), min(prev.bottom, ln.bottom), prev.size, prev.plain and ln.plain)
        else:
            out.append(ln)
    return out


def _empty_cells(lines: list[Line], filler: Any) -> list[Line]:
    """A row with fewer cells than its table's header has empty cells: each cell is put in the
    column it sits in, and the columns left over stay empty ("华容县||1056|22"), so that no
    figure moves into the column before it. Columns are where the header's cells and the rows
    with every cell lie (figures are often right-aligned under a left-aligned header)."""
    i = 0
    while i < len(lines):
        if lines[i].cells is None:
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].cells is not None:
            j += 1
        _fill_block(lines, i, j, filler)
        i = j
    return lines


def _fill_block(lines: list[Line], i: int, j: int, filler: Any) -> None:
    width = max(len(lines[k].cells or []) for k in range(i, j))
    full = [sorted(lines[k].cells or [], key=lambda c: c.x0) for k in range(i, j) if len(lines[k].cells or []) == width]
    if width < 2 or not full:
        return
    left = [min(r[n].x0 for r in full) for n in range(width)]
    right = [max(r[n].x1 for r in full) for n in range(width)]
    if any(right[n] > left[n + 1] for n in range(width - 1)):
        return  # the columns overlap: no column reading to trust
    borders = [(right[n] + left[n + 1]) / 2 for n in range(width - 1)]
    for k in range(i, j):
        ln = lines[k]
        cells = sorted(ln.cells or [], key=lambda c: c.x0)
        if not cells or len(cells) >= width:
            continue
        slots: list[Optional[Cell]] = [None] * width
        for c in cells:
            n = sum(1 for b in borders if b < (c.x0 + c.x1) / 2)
            if slots[n] is not None:
                break  # two cells in one column: leave the row as it came
            slots[n] = c
        else:
            first = next(n for n, c in enumerate(slots) if c is not None)
            if None in slots[first:]:
                filled = [c if c is not None else Cell(left[n], right[n], "", [], ln.bottom)
                          for n, c in enumerate(slots)][first:]
                lines[k] = _row_line(Line("", [], ln.x0, ln.x1, ln.top, ln.bottom, ln.size, ln.plain, filled), filler)


_FIGURES = regex.compile(r"[\d.,%\s]+")


def _figures_beside_label(ln: Line, out: list[Line]) -> bool:
    """A line of figures only ("8000") on the baseline of a label line just before it, and right
    of it ("华容县第二人民医" / "院" / "8000"): a table row whose other cells are empty."""
    if not ln.text[:1].isdigit() or not _FIGURES.fullmatch(ln.text):
        return False
    size = ln.size or 10.0
    return any(abs(o.top - ln.top) <= 0.3 * size and o.x1 < ln.x0 and "|" not in o.text for o in out[-3:])


def _merged_label(row: Line, ln: Line) -> bool:
    """A label cell merged over this row and the next, its text centred between them: pdfplumber
    gives it as a line of its own after the first ("岳阳县" between 新增就业 and 新增托位). It is
    the row's first cell; the rows after it take it over in `tables`."""
    assert row.cells
    if "|" in ln.text or ln.x1 >= row.cells[0].x0 or ln.x0 > row.x0 + 0.5 * (row.size or 10.0) + (row.x1 - row.x0) \
            or any(ch.isdigit() for ch in ln.text) or abs(ln.size - row.size) > 1.0:
        return False
    if min(ln.top, row.top) - max(ln.bottom, row.bottom) <= 0:
        return False  # not level with the row
    row.cells.insert(0, Cell(ln.x0, ln.x1, ln.text, ln.items, ln.bottom))
    row.x0 = min(row.x0, ln.x0)
    row.text = ""  # rebuilt from its cells
    return True


def _has_sibling(lines: list[Line], i: int) -> bool:
    """Does a line with figures soon after lines[i] sit on its baseline beside it? Then lines[i]
    starts a row of its own (PDFium gives a merged cell's next row a piece at a time: "失业人员再就", "业",
    then "600|150|25" on the first piece's baseline), it is not a cell's next line."""
    ln = lines[i]
    size = ln.size or 10.0
    return any(abs(o.top - ln.top) <= 0.5 * size and (o.x0 >= ln.x1 or o.x1 <= ln.x0)
               and any(ch.isdigit() for ch in o.text) for o in lines[i + 1:i + 5])  # figures: a row's cells


def _joins(row: Line, ln: Line, cells_of: Callable[[Line], list[Cell]], sibling: bool = False) -> bool:
    size = row.size or 10.0
    assert row.cells
    first = row.cells[0]
    if abs(ln.size - row.size) > 1.0:
        return False
    cells = cells_of(ln) if "|" in ln.text else [Cell(ln.x0, ln.x1, ln.text, ln.items, ln.bottom)]
    if not cells:
        return False
    if ln.x0 <= first.x1:
        # A new row starts in the first column, except the next line of cells that wrap: one short
        # piece right under the first cell ("号" under "序"), or a header's second line, words
        # under its cells with no figure among them ("号|元)|(%)"); both closer than rows ever are.
        if sibling:
            return False
        if "|" in ln.text:
            return not any(ch.isdigit() for ch in ln.text) and _wraps(row, ln, cells, 0.8 * size)
        return _wraps(row, ln, cells, 0.5 * size)
    if abs(ln.top - row.top) <= 0.5 * size:  # on the row's baseline: more of its cells
        if any(c.x0 < max(x.x1 for x in row.cells) for c in cells):
            return False
        row.cells.extend(cells)
        row.x1 = max(row.x1, ln.x1)
        return True
    if sibling:
        return False
    if ln.top <= row.top - 0.5 * size and _wraps(row, ln, cells, 0.8 * size):
        return True
    if row.bottom - 1.0 * size <= ln.top <= row.top + 1.5 * size and ln.x0 >= row.base_right \
            and not any(ch.isdigit() for ch in ln.text):
        # A header in two tiers: right of the cells centred on the row, a group label ("完成情况")
        # over its own cells ("完成数(人)|完成比例(%)"). The cells join the row, the label goes.
        for c in cells:
            c.top = ln.top
        row.cells.extend(cells)
        row.x1 = max(row.x1, ln.x1)
        row.bottom = min(row.bottom, ln.bottom)
        return True
    return False


def _wraps(row: Line, ln: Line, cells: list[Cell], reach: float) -> bool:
    """Is every piece of `ln` the next line of one cell of the row, just under it? Then join them.

    Not when a piece would run two figures together ("5200" over "600" is a merged cell's next
    row, not one number), nor a sentence (a note or paragraph under a table without rules), nor
    a piece wider than the cell's first line (text wraps because that line was full: under
    "城镇新增就业", a wider "失业人员再就业" is the next row of a merged cell)."""
    size = row.size or 10.0
    assert row.cells
    homes = []
    for c in cells:
        home = [x for x in row.cells if c.x0 >= x.x0 - 0.5 * size and c.x1 <= x.x1 + 0.5 * size
                and -0.3 * size <= x.bottom - ln.top <= reach]
        if len(home) != 1 or "。" in c.text or (home[0].text[-1:].isdigit() and c.text[:1].isdigit()) \
                or c.x1 - c.x0 > home[0].x1 - home[0].x0 + 0.5 * size:
            return False
        homes.append(home[0])
    if len(set(map(id, homes))) != len(homes):
        return False
    for c, home in zip(cells, homes):
        home.text += c.text
        home.items = home.items + c.items
        home.bottom = c.bottom
    row.bottom = min(row.bottom, ln.bottom)
    return True


def _take_stacked(row: Line, out: list[Line]) -> None:
    """Cells of the row that came before it as lines of their own: a header cell wrapped onto
    lines stacked left of the others ("序" / "号" beside "项目名称|年度目标|…"), which PDFium
    gives first. They sit left of the row's cells, from its first baseline down."""
    size = row.size or 10.0
    assert row.cells
    pieces: list[Line] = []
    while out and "|" not in out[-1].text:
        ln = out[-1]
        if ln.x1 > row.cells[0].x0 or abs(ln.size - row.size) > 1.0 \
                or not row.top - 3 * size <= ln.top <= row.top + 0.5 * size:
            break
        pieces.append(out.pop())
    if not pieces:
        return
    pieces.sort(key=lambda ln: -ln.top)  # top to bottom
    stacked: list[Cell] = []
    for ln in pieces:
        home = next((c for c in stacked if ln.x0 < c.x1 and c.x0 < ln.x1), None)
        if home is None:
            stacked.append(Cell(ln.x0, ln.x1, ln.text, list(ln.items), ln.bottom))
        else:
            home.text += ln.text
            home.items += ln.items
            home.x0, home.x1, home.bottom = min(home.x0, ln.x0), max(home.x1, ln.x1), ln.bottom
    first = row.cells[0]
    for c in list(stacked):  # "9" set apart from "月" on the row's baseline: one label, not two cells
        if abs(c.bottom - first.bottom) <= 0.5 * size and first.x0 - c.x1 < 0.6 * size and "\n" not in c.text:
            first.text, first.items, first.x0 = c.text + first.text, c.items + first.items, c.x0
            stacked.remove(c)
    row.cells[:0] = sorted(stacked, key=lambda c: c.x0)
    row.x0 = min([row.x0] + [c.x0 for c in row.cells])
    row.text = ""  # rebuilt from its cells


def _row_line(row: Line, filler: Any) -> Line:
    """A table row as one line: its cells left to right, joined by "|"."""
    if row.cells and any(c.top is not None for c in row.cells):
        row.cells = [c for c in row.cells if not _group_label(c, row.cells)]
    if not row.cells or "".join(c.text for c in row.cells) == row.text.replace("|", "").replace(" ", ""):
        return row
    cells = sorted(row.cells, key=lambda c: c.x0)
    text, items = cells[0].text, list(cells[0].items)
    for c in cells[1:]:
        text += "|" + c.text
        items += [filler] + c.items
    return Line(text, items, row.x0, row.x1, row.top, row.bottom, row.size, row.plain, cells)


def _group_label(c: Cell, cells: list[Cell]) -> bool:
    """A header cell over two or more cells of the same row, spanning them ("完成情况")."""
    if c.top is None:
        return False
    under = [d for d in cells if d is not c and d.top is not None and d.top < c.bottom
             and d.x1 > c.x0 - 2 * (c.x1 - c.x0) and d.x0 < c.x1 + 2 * (c.x1 - c.x0)]
    return len(under) >= 2 and min(d.x0 for d in under) <= c.x0 and c.x1 <= max(d.x1 for d in under)


def split_cells(ln: Line, extent: Callable[[int, int], tuple[float, float]]) -> list[Cell]:
    """A marked line's cells; `extent(first, last)` gives the x extent of characters first..last."""
    cells: list[Cell] = []
    start = 0
    for k in range(len(ln.text) + 1):
        if k == len(ln.text) or ln.text[k] == "|":
            piece = ln.text[start:k]
            body = piece.strip()
            if body:
                a = start + len(piece) - len(piece.lstrip())
                b = a + len(body) - 1
                x0, x1 = extent(a, b)
                cells.append(Cell(x0, x1, body, ln.items[a:b + 1], ln.bottom))
            start = k + 1
    return cells
