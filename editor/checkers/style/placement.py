"""Where Vale can place a finding, and where it cannot and drops it.

Vale finds where a finding is by looking for its text in the file. A match
that runs over a list item's or a quote's line break is not found that way,
since Vale's text of the block leaves out the indentation or the ``>``.
Vale still places one in a block that inline markup has cut up, through the
block's runs of plain text, each found in the file as it was read: when the
runs holding the match's first and last characters were found, and a run
that goes over such a line break was not. A Vale project's rules drop the
findings Vale drops (``vale_drops``).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from editor.document import Document

__all__ = ["vale_drops"]

#: A line break followed by what Vale's text of a block leaves out (a list
#: item's indentation, a quote's ``>``).
_UNPLACED = regex.compile(r"\n[ \t>]")
#: What stands between two lines of one run of text: a line break and a
#: quote's markers.
_CONTAINER_GAP = regex.compile(r"[ \t\n>]*")


def vale_drops(doc: Document, start: int, end: int) -> bool:
    """Whether Vale cannot place a finding at ``start..end`` of a Markdown
    document, and drops it (see the module's docstring)."""
    if _UNPLACED.search(doc.text, start, end) is None:
        return False
    first, last = _run_at(doc, start), _run_at(doc, max(start, end - 1))
    if first == last:
        return True
    return any(_UNPLACED.search(doc.text, *run) is not None for run in (first, last))


def _run_at(doc: Document, offset: int) -> tuple[int, int]:
    """The run of text holding ``offset``: its prose range, joined to the
    ones beside it across line breaks and a quote's ``>`` (Vale's text runs
    end only at inline markup)."""
    prose, text = doc.prose, doc.text
    index = bisect.bisect_right(prose, (offset, len(text) + 1)) - 1
    if index < 0 or not prose[index][0] <= offset < prose[index][1]:
        return (offset, offset)
    first = last = index
    while first > 0 and _CONTAINER_GAP.fullmatch(text, prose[first - 1][1], prose[first][0]):
        first -= 1
    while last + 1 < len(prose) and _CONTAINER_GAP.fullmatch(
        text, prose[last][1], prose[last + 1][0]
    ):
        last += 1
    return prose[first][0], prose[last][1]
