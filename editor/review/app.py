"""The full-screen review: prompt_toolkit layout and key bindings.

Keys only call ``ReviewState`` methods; the screen is a function of that
state (``view.py``). The application returns ``"write"`` (``q``),
``"abort"`` (``Q`` / Ctrl-C, confirmed when decisions exist, or ``q`` while
the check is still running) or ``"empty"`` (the check found nothing); the
caller writes the cleaned copy. Enter, Space, ``a`` and ``d`` are left unbound on
purpose: they mean different things in git, aspell and codespell, and a
stray key must never accept anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from prompt_toolkit.application import Application
from prompt_toolkit.application.current import get_app
from prompt_toolkit.filters import Condition, Filter, to_filter
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import (
    ConditionalContainer,
    Dimension,
    FormattedTextControl,
    HSplit,
    Layout,
    Window,
)
from prompt_toolkit.styles import Style
from prompt_toolkit.widgets import Frame, TextArea

from editor.review import view as screen
from editor.review.view import (
    FittedControl,
    ScrollingControl,
    View,
    WordWrapControl,
    fit_keys,
    key_bar,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.input import Input
    from prompt_toolkit.key_binding import KeyPressEvent
    from prompt_toolkit.output import Output

    from editor.document import Document
    from editor.review.state import ReviewState

__all__ = ["Outcome", "ReviewApp", "build_app"]

Outcome = Literal["write", "abort", "empty"]
Mode = Literal["loading", "resume", "review", "edit", "confirm", "help", "list"]

STYLE = Style.from_dict(
    {
        "header": "reverse",
        "header.where": "reverse bold",
        "header.progress": "bg:ansiblue ansiwhite bold",
        "header.tally": "reverse",
        "flag": "reverse bold",
        "delete": "ansired strike",
        "insert": "ansigreen bold underline",
        "done-delete": "ansired strike",
        "done-insert": "ansigreen underline",
        "severity.error": "ansired bold",
        "severity.warning": "ansiyellow bold",
        "severity.suggestion": "ansicyan bold",
        "was": "italic",
        "dim": "ansibrightblack",
        "number": "bold",
        "key": "reverse bold",
        "prompt": "bold",
        "selected": "reverse",
    }
)


@dataclass(slots=True)
class ReviewApp:
    """The pieces a test may want to look at: the state and the UI mode."""

    doc: Document
    state: ReviewState
    mode: Mode = "review"
    view: View = View.MARKUP
    #: A question waiting for y/n, and what ``y`` does.
    question: str = ""
    on_yes: Callable[[], None] | None = None
    #: A one-line note shown above the keys (the result of the last action).
    note: str = ""
    #: For the ``g`` list: the highlighted row.
    list_row: int = 0
    #: The text the ``e`` field replaces, for its label.
    editing: str = ""
    resume_question: str = ""
    on_resume: Callable[[bool], None] | None = None
    #: While loading: what is checking, paragraphs checked so far and in all.
    progress: tuple[str, int, int] = ("", 0, 0)
    application: Application[Outcome] | None = field(default=None, repr=False)
    #: The summary screen's text, scrolled by the arrows and PageUp/PageDown.
    summary: ScrollingControl | None = field(default=None, repr=False)


def build_app(
    review: ReviewApp,
    *,
    input: Input | None = None,  # noqa: A002  (prompt_toolkit's own name)
    output: Output | None = None,
) -> Application[Outcome]:
    state = review.state
    # One logical line, shown wrapped over up to six rows, its label on a
    # line of its own so a long prefill never scrolls it away.
    editor = TextArea(multiline=False, wrap_lines=True)
    editor.window.height = Dimension(min=1, max=6)
    editor.window.dont_extend_height = to_filter(True)

    def mode_is(*modes: Mode) -> Condition:
        return Condition(lambda: review.mode in modes)

    kb = KeyBindings()
    reviewing = mode_is("review")
    summary = reviewing & Condition(lambda: state.finished and len(state) > 0)
    choosing = reviewing & ~summary

    def decided(note: str = "") -> None:
        review.note = note

    def bind(*keys: str, when: Filter = reviewing, eager: bool = False) -> Callable[[Any], Any]:
        return kb.add(*keys, filter=when, eager=eager)

    @bind("y")
    def _(_event: KeyPressEvent) -> None:
        decided() if state.accept(0) else _refuse("nothing to accept here")

    for number in range(1, 10):

        @bind(str(number))
        def _(_event: KeyPressEvent, n: int = number) -> None:
            decided() if state.accept(n - 1) else _refuse(f"there is no alternative {n}")

    @bind("n")
    def _(_event: KeyPressEvent) -> None:
        decided() if state.keep() else _refuse("superseded: nothing to keep")

    @bind("e")
    def _(event: KeyPressEvent) -> None:
        item = state.current
        if item is None or state.blocked_by(state.cursor) is not None:
            _refuse("superseded: undo or revise the accepted suggestion first")
            return
        mine = state.edit_of(state.cursor)
        text = (
            mine.replacement if mine else (item.replacements[0] if item.replacements else item.text)
        )
        editor.text = text
        editor.buffer.cursor_position = len(text)
        review.editing = item.text
        review.mode = "edit"
        event.app.layout.focus(editor)

    @kb.add("enter", filter=mode_is("edit"))
    def _(event: KeyPressEvent) -> None:
        typed = editor.text
        _close_editor(event)
        if typed:
            state.edit(typed)
            decided()
        else:
            decided("empty fix: nothing changed")

    @kb.add("escape", filter=mode_is("edit"), eager=True)
    @kb.add("c-g", filter=mode_is("edit"))
    def _(event: KeyPressEvent) -> None:
        _close_editor(event)
        decided("edit cancelled")

    def _close_editor(event: KeyPressEvent) -> None:
        review.mode = "review"
        event.app.layout.focus(body)

    for keys in (("s",), ("j",), ("down",), ("tab",)):

        @bind(*keys, when=choosing)
        def _(_event: KeyPressEvent) -> None:
            decided() if state.next_open() else _refuse("no other undecided suggestion")

    for keys in (("k",), ("up",), ("s-tab",)):

        @bind(*keys, when=choosing)
        def _(_event: KeyPressEvent) -> None:
            decided() if state.previous_open() else _refuse("no other undecided suggestion")

    # -- The summary screen scrolls through the whole text ----------------------

    def scroller() -> ScrollingControl:
        assert review.summary is not None
        return review.summary

    for keys, lines in ((("down",), 1), (("j",), 1), (("up",), -1), (("k",), -1)):

        @bind(*keys, when=summary)
        def _(_event: KeyPressEvent, lines: int = lines) -> None:
            scroller().scroll(lines)

    for key, pages in (("pagedown", 1), ("pageup", -1)):

        @bind(key, when=summary)
        def _(_event: KeyPressEvent, pages: int = pages) -> None:
            scroller().scroll_page(pages)

    @bind("home", when=summary)
    @bind("<", when=summary)
    def _(_event: KeyPressEvent) -> None:
        scroller().home()

    @bind("end", when=summary)
    @bind(">", when=summary)
    def _(_event: KeyPressEvent) -> None:
        scroller().end()

    @bind("J")
    def _(_event: KeyPressEvent) -> None:
        decided() if state.next_any() else _refuse("this is the last suggestion")

    @bind("K")
    def _(_event: KeyPressEvent) -> None:
        decided() if state.previous_any() else _refuse("this is the first suggestion")

    @bind("I")
    def _(_event: KeyPressEvent) -> None:
        item = state.current
        if item is None:
            return
        count = state.ignore_rule()
        decided(f"ignored {item.rule} for this article ({count} kept); u undoes")

    @bind("A")
    def _(_event: KeyPressEvent) -> None:
        item = state.current
        if item is None:
            return
        pending = [i for i in state.pending_of_rule(item.rule) if state.items[i].replacements]
        if not pending:
            _refuse(f"no open {item.rule} suggestion to accept")
            return

        def accept_all() -> None:
            count = state.accept_rule()
            decided(f"accepted {count} × {item.rule}; u undoes them all")

        _ask(f"Accept all {len(pending)} open {item.rule} suggestions?", accept_all)

    @bind("+")
    def _(_event: KeyPressEvent) -> None:
        item = state.current
        if item is None or item.category != "spelling":
            _refuse("+ adds a word to the vocabulary: spelling findings only")
            return
        count = state.add_to_vocabulary()
        if count:
            decided(f"“{item.text}” goes into the project vocabulary ({count} kept)")
        else:
            _refuse("already decided")

    @bind("u")
    def _(_event: KeyPressEvent) -> None:
        decided("undone") if state.undo() else _refuse("nothing to undo")

    @bind("p")
    def _(_event: KeyPressEvent) -> None:
        review.view = review.view.next()
        decided(f"view: {review.view.value}")

    @bind("g")
    def _(_event: KeyPressEvent) -> None:
        if len(state):
            review.list_row = state.cursor
            review.mode = "list"

    @bind("?")
    def _(_event: KeyPressEvent) -> None:
        review.mode = "help"

    @kb.add("<any>", filter=mode_is("help"))
    def _(_event: KeyPressEvent) -> None:
        review.mode = "review"

    @bind("q")
    def _(event: KeyPressEvent) -> None:
        event.app.exit(result="write")

    @bind("Q")
    @kb.add("c-c", filter=mode_is("review", "list", "help", "confirm", "edit", "resume"))
    def _(event: KeyPressEvent) -> None:
        if review.mode == "confirm":  # a second Ctrl-C does not ask again
            event.app.exit(result="abort")
            return
        count = len(state.decisions)
        if not count:
            event.app.exit(result="abort")
            return
        review.mode = "review"
        event.app.layout.focus(body)
        # The decisions are in the session file already: say so, truly.
        _ask(
            f"Quit without writing? Your {count} decision{'s stay' if count != 1 else ' stays'} "
            "saved; --resume continues.",
            lambda: event.app.exit(result="abort"),
        )

    # -- While the check runs: only cancelling ----------------------------------

    @kb.add("q", filter=mode_is("loading"))
    @kb.add("Q", filter=mode_is("loading"))
    @kb.add("c-c", filter=mode_is("loading"))
    def _(event: KeyPressEvent) -> None:
        event.app.exit(result="abort")

    # -- y/n questions ---------------------------------------------------------

    def _ask(question: str, on_yes: Callable[[], None]) -> None:
        review.question = question
        review.on_yes = on_yes
        review.mode = "confirm"

    @kb.add("y", filter=mode_is("confirm"))
    def _(_event: KeyPressEvent) -> None:
        action = review.on_yes
        review.mode, review.question, review.on_yes = "review", "", None
        if action is not None:
            action()

    @kb.add("n", filter=mode_is("confirm"))
    @kb.add("escape", filter=mode_is("confirm"), eager=True)
    def _(_event: KeyPressEvent) -> None:
        review.mode, review.question, review.on_yes = "review", "", None
        decided("cancelled")

    @kb.add("y", filter=mode_is("resume"))
    @kb.add("n", filter=mode_is("resume"))
    def _(event: KeyPressEvent) -> None:
        answer = event.key_sequence[0].key == "y"
        review.mode = "review"
        if review.on_resume is not None:
            review.on_resume(answer)
        decided("resumed" if answer else "started afresh")

    # -- The g list --------------------------------------------------------------

    listing = mode_is("list")

    @kb.add("down", filter=listing)
    @kb.add("j", filter=listing)
    def _(_event: KeyPressEvent) -> None:
        review.list_row = min(review.list_row + 1, len(state) - 1)

    @kb.add("up", filter=listing)
    @kb.add("k", filter=listing)
    def _(_event: KeyPressEvent) -> None:
        review.list_row = max(review.list_row - 1, 0)

    @kb.add("enter", filter=listing)
    @kb.add("g", filter=listing)
    def _(_event: KeyPressEvent) -> None:
        state.jump(review.list_row)
        review.mode = "review"

    @kb.add("escape", filter=listing, eager=True)
    @kb.add("q", filter=listing)
    def _(_event: KeyPressEvent) -> None:
        review.mode = "review"

    def _refuse(note: str) -> None:
        review.note = note

    # -- Layout ------------------------------------------------------------------

    def frame_title() -> str:
        if state.finished:
            title = (
                "the text as it will be written" if review.view is not View.ORIGINAL else "original"
            )
            where = scroller().where()
            full = f" {title} ({where}) " if where else f" {title} "
            if len(full) + 6 <= get_app().output.get_size().columns:
                return full
            return f" {where} " if where else " final text "
        return f" {review.view.value} "

    def context() -> tuple[StyleAndTextTuples, int]:
        return screen.paragraph(review.doc, state, review.view)

    def final_text() -> StyleAndTextTuples:
        return [("", state.cleaned() if review.view is not View.ORIGINAL else state.text)]

    def details() -> StyleAndTextTuples:
        if review.mode == "resume":
            return [("class:prompt", review.resume_question + "  (y/n)")]
        if state.finished:
            counts = state.counts()
            return [
                ("class:prompt", "All suggestions decided: "),
                ("", ", ".join(f"{v} {k}" for k, v in counts.items() if v) + ".\n"),
                ("", "q writes the whole text above; u undoes the last decision; K revisits."),
            ]
        out = [*screen.message(state), ("", "\n"), *screen.alternatives(state)]
        if out and out[-1][1] == "\n":
            out.pop()
        return out

    def key_rows() -> int:
        """Rows for the key bar: fewer on a small terminal, so the
        suggestion and its alternatives keep theirs."""
        return 2 if get_app().output.get_size().rows <= 16 else 3

    def bottom(width: int) -> StyleAndTextTuples:
        if review.mode == "confirm":
            return [("class:prompt", f" {review.question} (y/n) ")]
        if review.mode == "resume":
            return key_bar([("y", "resume"), ("n", "start afresh")])
        out: StyleAndTextTuples = []
        if review.note:
            out.append(("class:was", f"{review.note}\n"))
        keys = screen.status_keys(state, editing=review.mode == "edit")
        if review.mode == "loading":
            keys = [("q/^C", "cancel")]
        elif review.mode == "list":
            keys = [("↑/↓", "move"), ("Enter/g", "go"), ("Esc", "back")]
        elif state.finished and len(state):
            keys = [("↑↓ PgUp/PgDn", "scroll"), *keys]
        out.extend(key_bar(fit_keys(keys, width, key_rows())))
        return out

    def edit_label(width: int) -> StyleAndTextTuples:
        """One line however narrow: the hint goes before the label is cut."""
        hint = "  Enter applies · Esc cancels · ^U clears"
        if width < 60:
            hint = "  Enter · Esc · ^U" if width >= 36 else ""
        room = width - len(hint) - len("Your fix for “”")
        what = screen.elide(review.editing.replace("\n", " "), max(room, 1))
        return [
            ("class:prompt", screen.elide(f"Your fix for “{what}”", width - len(hint))),
            ("class:dim", hint),
        ]

    def list_lines() -> StyleAndTextTuples:
        return [
            ("class:selected" if i == review.list_row else "", f"{row}\n")
            for i, row in enumerate(screen.suggestion_list(state))
        ]

    def list_cursor() -> Any:
        from prompt_toolkit.data_structures import Point

        return Point(0, review.list_row)

    def top_line(width: int) -> StyleAndTextTuples:
        if review.mode == "loading":
            name = review.doc.path.name if review.doc.path else review.doc.name
            return [("class:header", screen.elide(f" copydesk review · {name} ", width))]
        return screen.header(review.doc, state, width)

    def checking() -> tuple[StyleAndTextTuples, int]:
        label, done, total = review.progress
        width = get_app().output.get_size().columns - 2
        return screen.loading(review.doc, label, done, total, width), 0

    # The paragraph takes what the message, alternatives and keys leave: it
    # scrolls to the flagged span, they would simply be cut.
    paragraph_window = Window(
        WordWrapControl(context), wrap_lines=False, height=Dimension(min=1, preferred=1)
    )
    review.summary = ScrollingControl(final_text)
    summary_window = Window(review.summary, height=Dimension(min=1, preferred=1))
    finished = Condition(lambda: state.finished)

    def body_height() -> Dimension:
        # On the summary screen the text above is the point: the words below
        # get a quarter of the rows at most.
        if state.finished and review.mode == "review":
            return Dimension(min=1, max=max(2, get_app().output.get_size().rows // 4))
        return Dimension(min=1)

    body = Window(
        WordWrapControl(lambda: (details(), 0), focusable=True),
        height=body_height,
        dont_extend_height=True,
    )
    review_screen = HSplit(
        [
            Frame(
                HSplit(
                    [
                        ConditionalContainer(paragraph_window, filter=~finished),
                        ConditionalContainer(summary_window, filter=finished),
                    ]
                ),
                title=frame_title,
            ),
            body,
        ]
    )
    list_screen = Frame(
        Window(
            FormattedTextControl(list_lines, get_cursor_position=list_cursor, show_cursor=False)
        ),
        title=" all suggestions ",
    )
    help_screen = Frame(Window(FormattedTextControl(screen.key_help)), title=" keys ")
    loading_screen = Frame(Window(WordWrapControl(checking)), title=" checking ")
    root = HSplit(
        [
            Window(FittedControl(top_line), height=1, style="class:header"),
            ConditionalContainer(
                review_screen, filter=mode_is("review", "edit", "confirm", "resume")
            ),
            ConditionalContainer(list_screen, filter=listing),
            ConditionalContainer(help_screen, filter=mode_is("help")),
            ConditionalContainer(loading_screen, filter=mode_is("loading")),
            ConditionalContainer(
                HSplit([Window(FittedControl(edit_label), dont_extend_height=True), editor]),
                filter=mode_is("edit"),
            ),
            Window(
                FittedControl(bottom),
                height=Dimension(min=1, max=6),
                dont_extend_height=True,
            ),
        ]
    )
    application: Application[Outcome] = Application(
        layout=Layout(root, focused_element=body),
        key_bindings=kb,
        style=STYLE,
        full_screen=True,
        mouse_support=False,
        input=input,
        output=output,
    )
    application.ttimeoutlen = 0.05
    review.application = application
    return application
