"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

#: Words, including phrases the shipped rules flag, astral and combining characters.
WORDS = st.sampled_from(
    [
        "the", "the the", "in an order to", "must have to", "it have to", "no 1",
        "Huawei", "AT&T", "café", "e\u0301", "😀", "naïve", "word", "In", "order",
        "to", "its", "it's", "e-mail", "email", "WSJ", ",", ".", " ,", "  ", "—",
    ]
)  # fmt: skip


@st.composite
def prose(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=12))
    return " ".join(words)


@st.composite
def inline(draw: st.DrawFn) -> str:
    text = draw(prose())
    kind = draw(st.sampled_from(["plain", "code", "link", "emph", "auto", "html", "escape"]))
    return {
        "plain": text,
        "code": f"`{text}`",
        "link": f"[{text}](https://example.com/{text.replace(' ', '-')})",
        "emph": f"*{text}*",
        "auto": "<https://example.com/the-the>",
        "html": f"<span>{text}</span>",
        "escape": f"\\*{text}\\*",
    }[kind]


@st.composite
def markdown_block(draw: st.DrawFn) -> str:
    body = " ".join(draw(st.lists(inline(), min_size=1, max_size=4)))
    kind = draw(
        st.sampled_from(["para", "heading", "list", "quote", "fence", "indent", "table", "html"])
    )
    return {
        "para": body,
        "heading": f"## {body}",
        "list": f"- {body}\n- {draw(prose())}",
        "quote": f"> {body}",
        "fence": f"```\n{body}\n```",
        "indent": f"    {body}",
        "table": f"| a | b |\n|---|---|\n| {draw(prose())} | {draw(prose())} |",
        "html": f"<div>\n{body}\n</div>",
    }[kind]


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(markdown_block(), min_size=1, max_size=6))
    if draw(st.booleans()):
        blocks.insert(0, "---\ntitle: the the\n---")
    text = "\n\n".join(blocks)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = text.replace("\n", newline)
    return text + (newline if draw(st.booleans()) else "")
