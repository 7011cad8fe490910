"""A small stand-in for a LanguageTool server, for the tests.

It speaks LanguageTool's HTTP API v2 (``GET /v2/languages``, ``POST /v2/check``)
over real HTTP on 127.0.0.1, so language-tool-python's own client talks to it.
Its "grammar" is a handful of toy rules driven by regular expressions, so the
tests can predict every match; offsets and lengths are in UTF-16 code units,
as LanguageTool's are. It records what each check request sent, and can be
made to fail the ways a real server does (``mode``).

    with running_server() as server:
        ... server.url, server.requests, server.mode = "error500" ...

Run as a script (``python tests/ltserver.py --port 8081``) it serves until it
is killed: the tests' fake ``java`` uses that to play a local install.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

VERSION = "6.5"

#: ``ok``, or how ``POST /v2/check`` fails: HTTP 500 with a plain-text body; 200
#: with a body that is not JSON; JSON without ``matches``; matches missing their
#: fields; a reply after ``delay`` seconds; the connection closed without a reply.
Mode = Literal["ok", "error500", "badjson", "nomatches", "badmatch", "slow", "close"]

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
    {"name": "German", "code": "de", "longCode": "de"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
_CODES = {entry["longCode"] for entry in LANGUAGES}

#: Misspelling → suggestions, by language; "Huawei" stands for the proper nouns
#: a house vocabulary accepts. "teh" has six suggestions (the client keeps five).
MISSPELLINGS: dict[str, dict[str, list[str]]] = {
    "en-US": {
        "teh": ["the", "ten", "tea", "tech", "Leh", "meh"],
        "recieve": ["receive"],
        "tommorow": ["tomorrow"],
        "colour": ["color"],
        "Huawei": ["However", "Hawaii"],
    },
    "en-GB": {
        "teh": ["the", "ten", "tea", "tech", "Leh", "meh"],
        "recieve": ["receive"],
        "tommorow": ["tomorrow"],
        "color": ["colour"],
        "Huawei": ["However", "Hawaii"],
    },
}


def sent_paragraphs(requests: list[dict[str, str]]) -> list[str]:
    """The paragraphs copydesk sent in ``requests``: each request frames its
    paragraphs as ``.\\n\\n P1 \\n\\n.\\n\\n P2 … \\n\\n.``."""
    found: list[str] = []
    for request in requests:
        text = request["text"]
        assert text.startswith(".\n\n"), text
        assert text.endswith("\n\n."), text
        found.extend(text[3:-3].split("\n\n.\n\n"))
    return found


@dataclass(frozen=True)
class ToyRule:
    id: str
    pattern: re.Pattern[str]
    message: str
    short: str
    issue_type: str
    category: tuple[str, str]
    replace: Callable[[re.Match[str]], list[str]]
    #: Off unless ``level=picky``, or enabled by id or category.
    picky: bool = False
    #: Only for writers whose ``motherTongue`` starts with this.
    mother_tongue: str | None = None
    url: str | None = None


def _spelling_rule(language: str) -> ToyRule:
    words = MISSPELLINGS.get(language, MISSPELLINGS["en-US"])
    alternation = "|".join(sorted(words, key=len, reverse=True))
    return ToyRule(
        id=f"MORFOLOGIK_RULE_{language.upper().replace('-', '_')}",
        pattern=re.compile(rf"\b(?:{alternation})\b"),
        message="Possible spelling mistake found.",
        short="Spelling mistake",
        issue_type="misspelling",
        category=("TYPOS", "Possible Typo"),
        replace=lambda m: words[m.group()],
    )


RULES: list[ToyRule] = [
    ToyRule(
        id="EN_A_VS_AN",
        pattern=re.compile(r"\b[Aa](?= [aeiouAEIOU])"),
        message="Use “an” instead of ‘a’ if the following word starts with a vowel sound.",
        short="Wrong article",
        # As LanguageTool 6.6 answers: a "misspelling" outside the spell checker's category.
        issue_type="misspelling",
        category=("MISC", "Miscellaneous"),
        replace=lambda m: [m.group() + "n"],
        url="https://languagetool.org/insights/post/indefinite-articles/",
    ),
    ToyRule(
        id="ENGLISH_WORD_REPEAT_RULE",
        pattern=re.compile(r"\b(\w+) \1\b", re.IGNORECASE),
        message="Possible typo: you repeated a word.",
        short="Word repetition",
        issue_type="duplication",
        category=("MISC", "Miscellaneous"),
        replace=lambda m: [m.group(1)],
    ),
    ToyRule(
        id="WHITESPACE_RULE",
        pattern=re.compile(r"(?<=\S) {2,}(?=\S)"),
        message="Possible typo: you repeated a whitespace",
        short="",
        issue_type="whitespace",
        category=("TYPOGRAPHY", "Typography"),
        replace=lambda _: [" "],
    ),
    ToyRule(
        id="COMMA_PARENTHESIS_WHITESPACE",
        pattern=re.compile(r"(?<=\w) +,"),
        message="Put a space after the comma, but not before the comma.",
        short="Punctuation problem",
        issue_type="typographical",
        category=("PUNCTUATION", "Punctuation"),
        replace=lambda _: [","],
    ),
    ToyRule(
        id="VERY_UNIQUE",
        # Whatever stands between the words (an emoji, say) is part of the match.
        pattern=re.compile(r"\bvery\W+unique\b", re.IGNORECASE),
        message="‘Unique’ cannot be graded; consider dropping ‘very’.",
        short="Redundancy",
        issue_type="style",
        category=("REDUNDANCY", "Redundant Phrases"),
        replace=lambda _: ["unique"],
    ),
    ToyRule(
        id="IN_ORDER_TO",
        pattern=re.compile(r"\bin order to\b"),
        message="Consider “to” instead of “in order to”.",
        short="Wordiness",
        issue_type="style",
        category=("PLAIN_ENGLISH", "Plain English"),
        replace=lambda _: ["to"],
        picky=True,
    ),
    ToyRule(
        id="BECOME_BEKOMMEN",
        pattern=re.compile(r"\bbecome\b"),
        message="“become” means “werden”; did you mean “get” (“bekommen”)?",
        short="False friend",
        issue_type="uncategorized",
        category=("FALSE_FRIENDS", "False Friends"),
        replace=lambda _: ["get"],
        mother_tongue="de",
    ),
]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _active(rule: ToyRule, form: dict[str, str]) -> bool:
    def listed(name: str) -> set[str]:
        return {v for v in form.get(name, "").split(",") if v}

    category = rule.category[0]
    if rule.id in listed("disabledRules") or category in listed("disabledCategories"):
        return False
    enabled = rule.id in listed("enabledRules") or category in listed("enabledCategories")
    if form.get("enabledOnly") == "true":
        return enabled
    if rule.picky and not (form.get("level") == "picky" or enabled):
        return False
    return not (
        rule.mother_tongue and not form.get("motherTongue", "").startswith(rule.mother_tongue)
    )


def check(form: dict[str, str]) -> dict[str, object]:
    """The reply to ``POST /v2/check`` (the ``ok`` mode)."""
    text = form.get("text", "")
    language = form.get("language", "en-US")
    if language == "auto":
        language = "en-US"
    matches = []
    for rule in [_spelling_rule(language), *RULES]:
        if not _active(rule, form):
            continue
        matches.extend(_match(rule, found, text) for found in rule.pattern.finditer(text))
    matches.sort(key=lambda m: (m["offset"], m["length"]))  # type: ignore[arg-type,return-value]
    name = next(e["name"] for e in LANGUAGES if e["longCode"] == language)
    return {
        "software": {
            "name": "LanguageTool",
            "version": VERSION,
            "buildDate": "2024-09-27 11:27:50 +0000",
            "apiVersion": 1,
            "premium": False,
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": {
            "name": name,
            "code": language,
            "detectedLanguage": {"name": name, "code": language, "confidence": 0.99},
        },
        "matches": matches,
    }


def _match(rule: ToyRule, found: re.Match[str], text: str) -> dict[str, object]:
    start, end = found.span()
    before = max(0, start - 40)
    after = min(len(text), end + 40)
    sentence_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    sentence_end = min(
        (i + 1 for i in (text.find(".", end), text.find("\n", end)) if i >= 0), default=len(text)
    )
    body: dict[str, object] = {
        "id": rule.id,
        "description": rule.short or rule.message,
        "issueType": rule.issue_type,
        "category": {"id": rule.category[0], "name": rule.category[1]},
    }
    if rule.url:
        body["urls"] = [{"value": rule.url}]
    match: dict[str, object] = {
        "message": rule.message,
        "offset": utf16_len(text[:start]),
        "length": utf16_len(text[start:end]),
        "replacements": [{"value": value} for value in rule.replace(found)],
        "context": {
            "text": text[before:after],
            "offset": utf16_len(text[before:start]),
            "length": utf16_len(text[start:end]),
        },
        "sentence": text[sentence_start:sentence_end].strip(),
        "type": {"typeName": "Other"},
        "rule": body,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }
    if rule.short:
        match["shortMessage"] = rule.short
    return match


@dataclass
class LTServer:
    """A running stand-in server: its URL, what it was sent, how it behaves."""

    url: str
    mode: Mode = "ok"
    #: Seconds the ``slow`` mode waits before replying.
    delay: float = 3.0
    #: When set, ``mode`` applies only to texts containing this; the others
    #: get proper replies (a server that fails part-way through a run).
    trigger: str | None = None
    #: Like LanguageTool's ``maxTextLength``: longer texts get its HTTP 413.
    max_text_length: int | None = None
    #: The next this many checks get HTTP 429 with ``Retry-After: 1`` (the
    #: public API's answer to too many requests).
    rate_limited: int = 0
    #: The form fields of every ``POST /v2/check``, in order.
    requests: list[dict[str, str]] = field(default_factory=list)
    #: ``(method, path)`` of every request.
    log: list[tuple[str, str]] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def texts(self) -> list[str]:
        return [form.get("text", "") for form in self.requests]


def _handler(state: LTServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "ToyLanguageTool/" + VERSION

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Quiet: the tests read ``state.log`` instead."""

        def _send(self, status: int, body: str, kind: str = "application/json") -> None:
            data = body.encode("utf-8")
            # A client that gave up waiting (a ``slow`` reply) is no error of ours.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.send_response(status)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        def do_GET(self) -> None:
            path = urllib.parse.urlsplit(self.path).path
            state.log.append(("GET", path))
            if path == "/v2/languages":
                self._send(200, json.dumps(LANGUAGES))
            elif path == "/v2/healthcheck":
                self._send(200, "OK", "text/plain")
            else:
                self._send(404, f"Error: unknown path {path}", "text/plain")

        def do_POST(self) -> None:
            path = urllib.parse.urlsplit(self.path).path
            state.log.append(("POST", path))
            size = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(size).decode("utf-8")
            if path != "/v2/check":
                self._send(404, f"Error: unknown path {path}", "text/plain")
                return
            form = {k: v[-1] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
            state.requests.append(form)
            mode = state.mode
            if state.trigger is not None and state.trigger not in form.get("text", ""):
                mode = "ok"
            if mode == "close":
                self.close_connection = True
                return
            if state.rate_limited > 0:
                state.rate_limited -= 1
                data = b"Error: Too many requests"
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.send_response(429)
                    self.send_header("Retry-After", "1")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                return
            text = form.get("text", "")
            units = len(text.encode("utf-16-le")) // 2
            if state.max_text_length is not None and units > state.max_text_length:
                self._send(
                    413,
                    f"Error: Your text exceeds the limit of {state.max_text_length} characters "
                    f"(it's {units} characters). Please submit a shorter text.",
                    "text/plain",
                )
                return
            if mode == "slow" and state.stopping.wait(state.delay):
                return
            if mode == "error500":
                self._send(
                    500,
                    "Error: Internal Error: java.lang.RuntimeException: toy failure\n"
                    "\tat org.languagetool.server.Toy.check(Toy.java:1)\n",
                    "text/plain",
                )
                return
            if mode == "badjson":
                self._send(200, '{"software": {"name": "LanguageTool"}, "matches": [')
                return
            language = form.get("language", "")
            if language not in _CODES and language != "auto":
                self._send(
                    400,
                    f"Error: '{language}' is not a language code known to LanguageTool.",
                    "text/plain",
                )
                return
            reply = check(form)
            if mode == "nomatches":
                del reply["matches"]
            elif mode == "badmatch":
                reply["matches"] = [{"message": "no rule, no offset"}]
            self._send(200, json.dumps(reply, ensure_ascii=False))

    return Handler


@contextlib.contextmanager
def running_server(mode: Mode = "ok", *, delay: float = 3.0, port: int = 0) -> Iterator[LTServer]:
    """A server on 127.0.0.1 (a free port unless given) for the ``with`` block."""
    state = LTServer(url="", mode=mode, delay=delay)
    httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", "-p", type=int, default=8081)
    args, _ = parser.parse_known_args()
    state = LTServer(url=f"http://127.0.0.1:{args.port}")
    with ThreadingHTTPServer(("127.0.0.1", args.port), _handler(state)) as httpd:
        httpd.serve_forever()


if __name__ == "__main__":
    main()
