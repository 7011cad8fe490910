from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from editor.apply import EditConflictError, apply_edits
from editor.model import Edit, Severity, Suggestion


def make(**changes: object) -> Suggestion:
    fields: dict[str, object] = {
        "start": 4,
        "end": 7,
        "line": 1,
        "column": 5,
        "text": "the",
        "message": "m",
        "rule": "House.X",
        "source": "rules",
        "severity": Severity.WARNING,
    }
    fields.update(changes)
    return Suggestion(**fields)  # type: ignore[arg-type]


def test_severity_order_and_parse() -> None:
    assert Severity.SUGGESTION < Severity.WARNING < Severity.ERROR
    assert Severity.parse(" Error ") is Severity.ERROR
    with pytest.raises(ValueError, match="unknown level 'fatal'"):
        Severity.parse("fatal")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start": 8}, "bad span"),
        ({"text": "them"}, "does not fit"),
        ({"line": 0}, "1-based"),
        ({"safe": True}, "needs a replacement"),
    ],
)
def test_suggestion_validates(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make(**changes)


@given(
    text=st.text(min_size=0, max_size=20),
    start=st.integers(0, 1000),
    line=st.integers(1, 100),
    column=st.integers(1, 100),
    replacements=st.lists(st.text(max_size=10), max_size=3).map(tuple),
    severity=st.sampled_from(Severity),
    category=st.none() | st.text(max_size=10),
    link=st.none() | st.just("https://example.com/rule"),
)
def test_json_round_trip(
    text: str,
    start: int,
    line: int,
    column: int,
    replacements: tuple[str, ...],
    severity: Severity,
    category: str | None,
    link: str | None,
) -> None:
    item = make(
        start=start,
        end=start + len(text),
        text=text,
        line=line,
        column=column,
        replacements=replacements,
        safe=bool(replacements),
        severity=severity,
        category=category,
        link=link,
    )
    assert Suggestion.from_json(item.to_json()) == item


def test_apply_edits_replaces_only_the_spans() -> None:
    text = "In an order to win, it have to try.\r\n"
    edits = [Edit(0, 14, "In order to"), Edit(23, 27, "has")]
    assert apply_edits(text, edits) == "In order to win, it has to try.\r\n"
    assert apply_edits(text, []) == text
    assert apply_edits(text, [edits[0], edits[0]]) == apply_edits(text, [edits[0]])
    with pytest.raises(EditConflictError, match="overlap"):
        apply_edits(text, [Edit(0, 5, "x"), Edit(3, 8, "y")])
