"""LanguageTool through language-tool-python's real client, over HTTP.

Against ``tests/ltserver.py`` (a toy server that speaks LanguageTool's API v2)
always, and against a real LanguageTool where ``COPYDESK_LT_SERVER`` names one.
Nothing here reaches beyond 127.0.0.1, and every wait is bounded by a timeout
of a few seconds.
"""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import ROOT
from ltserver import LTServer, running_server, sent_paragraphs

from editor.checkers import languagetool
from editor.checkers.base import EngineStatus
from editor.checkers.prose import ProseChecker
from editor.config import LanguageToolSettings
from editor.document import load_text
from editor.errors import EngineError
from editor.model import Severity
from editor.vocab import Vocabulary

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from editor.checkers.prose import Finding

LTSERVER = Path(__file__).with_name("ltserver.py")


@pytest.fixture
def lt_server() -> Iterator[LTServer]:
    with running_server() as server:
        yield server


def settings(url: str | None = None, **changes: object) -> LanguageToolSettings:
    values: dict[str, object] = {"server": url, "timeout": 5.0, **changes}
    return LanguageToolSettings(**values)  # type: ignore[arg-type]


def connect(
    server: LTServer, words: Sequence[str] = (), **changes: object
) -> languagetool.LanguageToolEngine:
    """An engine on the toy server; the requests ``build`` made are forgotten."""
    engine = languagetool.build(settings(server.url, **changes), words, env={})
    server.requests.clear()
    return engine


def flagged(paragraphs: Sequence[str], results: list[list[Finding]]) -> list[tuple[int, str, str]]:
    """(paragraph, flagged text, rule) of every finding, checking each span."""
    assert len(results) == len(paragraphs)
    found = []
    for index, (paragraph, findings) in enumerate(zip(paragraphs, results, strict=True)):
        for f in findings:
            assert 0 <= f.start <= f.end <= len(paragraph)
            found.append((index, paragraph[f.start : f.end], f.rule.removeprefix("LanguageTool.")))
    return sorted(found)


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def assert_one_line_engine_error(error: EngineError) -> None:
    assert error.engine == "languagetool"
    assert error.exit_code == 3
    assert "\n" not in str(error)
    assert "Traceback" not in str(error)


# -- Findings and offsets ------------------------------------------------------


def test_findings_and_exact_offsets_on_plain_sentences(lt_server: LTServer) -> None:
    paragraphs = [
        "We will recieve teh parcel tommorow.",
        "It is a apple , and the the end.",
    ]
    engine = connect(lt_server)
    results = engine.check_paragraphs(paragraphs)
    assert flagged(paragraphs, results) == [
        (0, "recieve", "MORFOLOGIK_RULE_EN_US"),
        (0, "teh", "MORFOLOGIK_RULE_EN_US"),
        (0, "tommorow", "MORFOLOGIK_RULE_EN_US"),
        (1, " ,", "COMMA_PARENTHESIS_WHITESPACE"),
        (1, "a", "EN_A_VS_AN"),
        (1, "the the", "ENGLISH_WORD_REPEAT_RULE"),
    ]
    by_text = {paragraphs[0][f.start : f.end]: f for f in results[0]}
    assert (by_text["teh"].start, by_text["teh"].end) == (16, 19)
    assert by_text["recieve"].replacements == ("receive",)
    # Both paragraphs in one request.
    assert len(lt_server.requests) == 1
    assert sent_paragraphs(lt_server.requests) == paragraphs


def test_emoji_before_and_inside_a_span_land_on_the_exact_text(lt_server: LTServer) -> None:
    paragraphs = [
        "🎉🎉 We will recieve teh 👩‍👩‍👧 parcel.",
        "It is very 🦄 unique, 😀 and the the end 🚀.",
        "𝐀 line with no emoji spans but teh, and a apple.",
        "Plain teh.",
    ]
    results = connect(lt_server).check_paragraphs(paragraphs)
    assert flagged(paragraphs, results) == [
        (0, "recieve", "MORFOLOGIK_RULE_EN_US"),
        (0, "teh", "MORFOLOGIK_RULE_EN_US"),
        (1, "the the", "ENGLISH_WORD_REPEAT_RULE"),
        (1, "very 🦄 unique", "VERY_UNIQUE"),
        (2, "a", "EN_A_VS_AN"),
        (2, "teh", "MORFOLOGIK_RULE_EN_US"),
        (3, "teh", "MORFOLOGIK_RULE_EN_US"),
    ]


def test_markdown_through_prose_checker_sends_only_prose(lt_server: LTServer) -> None:
    text = (
        "# Teh 🎉 news we recieve\n\n"
        "We recieve `tommorow --colour` and [a link](https://example.com/colour-tommorow) , "
        "a apple.\n\n"
        "```\nteh tommorow colour\n```\n\n"
        "👩‍👩‍👧 It is very 🦄 unique and the the end.\n"
    )
    doc = load_text(text, "markdown")
    suggestions = ProseChecker(connect(lt_server)).check(doc).suggestions
    found = [(s.text, s.rule) for s in suggestions]
    assert found == [
        ("recieve", "LanguageTool.MORFOLOGIK_RULE_EN_US"),
        ("recieve", "LanguageTool.MORFOLOGIK_RULE_EN_US"),
        ("a", "LanguageTool.EN_A_VS_AN"),
        ("very 🦄 unique", "LanguageTool.VERY_UNIQUE"),
        ("the the", "LanguageTool.ENGLISH_WORD_REPEAT_RULE"),
    ]
    for s in suggestions:
        assert text[s.start : s.end] == s.text
        assert s.source == "languagetool"
    assert suggestions[0].start == text.index("recieve")
    assert suggestions[1].start == text.index("recieve", suggestions[0].end)
    assert suggestions[2].start == text.index("a apple")
    # The masked text is what was sent: no code, no URL, no Markdown syntax.
    sent = "".join(lt_server.texts())
    for never in ("tommorow", "colour", "example.com", "`", "```", "](", "# "):
        assert never not in sent
    assert "very 🦄 unique" in sent


def test_accepted_vocabulary_drops_spelling_findings_only(lt_server: LTServer) -> None:
    engine = connect(lt_server, words=["Huawei"])
    doc = load_text("Huawei will recieve a apple.\n")
    vocabulary = Vocabulary(accept=("Huawei",))
    found = [
        (s.text, s.category)
        for s in ProseChecker(engine, vocabulary=vocabulary).check(doc).suggestions
    ]
    assert found == [("recieve", "spelling"), ("a", "grammar")]
    without = ProseChecker(engine).check(doc).suggestions
    assert "Huawei" in [s.text for s in without]


def test_rule_category_severity_message_and_link_are_mapped(lt_server: LTServer) -> None:
    paragraph = "We recieve teh things in order to have a apple , very unique, the the  end."
    results = connect(lt_server, picky=True).check_paragraphs([paragraph])
    by_rule = {f.rule: f for f in results[0]}
    expected = {
        "LanguageTool.MORFOLOGIK_RULE_EN_US": ("spelling", Severity.ERROR),
        "LanguageTool.EN_A_VS_AN": ("grammar", Severity.ERROR),
        "LanguageTool.ENGLISH_WORD_REPEAT_RULE": ("typo", Severity.WARNING),
        "LanguageTool.WHITESPACE_RULE": ("typography", Severity.WARNING),
        "LanguageTool.COMMA_PARENTHESIS_WHITESPACE": ("punctuation", Severity.WARNING),
        "LanguageTool.VERY_UNIQUE": ("redundancy", Severity.SUGGESTION),
        "LanguageTool.IN_ORDER_TO": ("wordiness", Severity.SUGGESTION),
    }
    assert {rule: (f.category, f.severity) for rule, f in by_rule.items()} == expected
    article = by_rule["LanguageTool.EN_A_VS_AN"]
    assert article.message.startswith("Wrong article: Use “an” instead of ‘a’")
    assert article.link == "https://languagetool.org/insights/post/indefinite-articles/"
    assert article.description == "Wrong article"
    assert article.replacements == ("an",)
    # A short message the message already says is not repeated.
    spelling = by_rule["LanguageTool.MORFOLOGIK_RULE_EN_US"]
    assert spelling.message == "Possible spelling mistake found."
    assert by_rule["LanguageTool.WHITESPACE_RULE"].message == (
        "Possible typo: you repeated a whitespace"
    )
    teh = next(f for f in results[0] if paragraph[f.start : f.end] == "teh")
    assert teh.replacements == ("the", "ten", "tea", "tech", "Leh")  # five of six


def test_other_issue_types_are_usage_suggestions(lt_server: LTServer) -> None:
    results = connect(lt_server, mother_tongue="de-DE").check_paragraphs(["Prices become lower."])
    (finding,) = results[0]
    assert finding.rule == "LanguageTool.BECOME_BEKOMMEN"
    assert (finding.category, finding.severity) == ("usage", Severity.SUGGESTION)
    assert (
        finding.message == "False friend: “become” means “werden”; did you mean “get” (“bekommen”)?"
    )


# -- Settings reach the server -------------------------------------------------


def test_default_request_sends_only_language_and_text(lt_server: LTServer) -> None:
    connect(lt_server).check_paragraphs(["Nothing in order to flag."])
    (form,) = lt_server.requests
    # The rules that look across paragraphs are off while paragraphs are packed,
    # and so are the rules that mostly cry wolf.
    assert set(form) == {"language", "text", "disabledRules"}
    assert form["language"] == "en-US"
    assert form["text"] == ".\n\nNothing in order to flag.\n\n."
    assert set(form["disabledRules"].split(",")) == {
        *languagetool.DEFAULT_DISABLED_RULES,
        *languagetool.CONTEXT_RULES,
    }


def test_rules_categories_picky_mother_tongue_and_language_are_passed(lt_server: LTServer) -> None:
    engine = connect(
        lt_server,
        language="en-GB",
        mother_tongue="de-DE",
        disabled_rules=("WHITESPACE_RULE", "EN_A_VS_AN"),
        enabled_rules=("IN_ORDER_TO",),
        disabled_categories=("PUNCTUATION",),
        enabled_categories=("STYLE",),
    )
    paragraph = "We become a apple , in order to see the color  red."
    results = engine.check_paragraphs([paragraph])
    (form,) = lt_server.requests
    assert form["language"] == "en-GB"
    assert form["motherTongue"] == "de-DE"
    assert set(form["disabledRules"].split(",")) == {
        "WHITESPACE_RULE",
        "EN_A_VS_AN",
        *languagetool.DEFAULT_DISABLED_RULES,
        *languagetool.CONTEXT_RULES,
    }
    assert form["enabledRules"] == "IN_ORDER_TO"
    assert form["disabledCategories"] == "PUNCTUATION"
    assert form["enabledCategories"] == "STYLE"
    assert "level" not in form
    assert flagged([paragraph], results) == [
        (0, "become", "BECOME_BEKOMMEN"),
        (0, "color", "MORFOLOGIK_RULE_EN_GB"),
        (0, "in order to", "IN_ORDER_TO"),
    ]


def test_picky_level(lt_server: LTServer) -> None:
    paragraph = "We did it in order to win."
    assert connect(lt_server).check_paragraphs([paragraph]) == [[]]
    results = connect(lt_server, picky=True).check_paragraphs([paragraph])
    assert lt_server.requests[-1]["level"] == "picky"
    assert flagged([paragraph], results) == [(0, "in order to", "IN_ORDER_TO")]


def test_identity_names_version_and_every_setting(lt_server: LTServer) -> None:
    base = connect(lt_server, words=["Zed", "Huawei"])
    identity = json.loads(base.identity())
    assert identity["version"] == "6.5"
    assert identity["server"] == lt_server.url
    assert identity["words"] == ["Huawei", "Zed"]
    assert base.identity() == connect(lt_server, words=["Huawei", "Zed", "Zed"]).identity()
    variants = [
        connect(lt_server, words=["Huawei"]),
        connect(lt_server, words=["Zed", "Huawei"], picky=True),
        connect(lt_server, words=["Zed", "Huawei"], language="en-GB"),
        connect(lt_server, words=["Zed", "Huawei"], mother_tongue="de-DE"),
        connect(lt_server, words=["Zed", "Huawei"], disabled_rules=("X",)),
        connect(lt_server, words=["Zed", "Huawei"], enabled_rules=("X",)),
        connect(lt_server, words=["Zed", "Huawei"], disabled_categories=("X",)),
        connect(lt_server, words=["Zed", "Huawei"], enabled_categories=("X",)),
    ]
    identities = {v.identity() for v in variants} | {base.identity()}
    assert len(identities) == len(variants) + 1


# -- One request per paragraph ------------------------------------------------


def test_paragraphs_are_packed_into_few_requests_with_right_offsets(lt_server: LTServer) -> None:
    paragraphs = [
        f"{'🎉' * (i % 3)}Paragraph {i} has{''.join(f' w{n}' for n in range(i % 11))} teh word."
        for i in range(60)
    ]
    results = connect(lt_server).check_paragraphs(paragraphs)
    assert len(lt_server.requests) == 1
    assert sent_paragraphs(lt_server.requests) == paragraphs
    for paragraph, findings in zip(paragraphs, results, strict=True):
        assert [(f.start, paragraph[f.start : f.end]) for f in findings] == [
            (paragraph.index("teh"), "teh")
        ]


def test_a_request_over_the_servers_limit_is_split_to_fit(lt_server: LTServer) -> None:
    paragraphs = [f"Paragraph {i} has teh word." for i in range(40)]
    engine = connect(lt_server)
    alone = [engine.check_paragraphs([p])[0] for p in paragraphs]
    lt_server.requests.clear()
    lt_server.max_text_length = 200
    assert engine.check_paragraphs(paragraphs) == alone
    sent = [r["text"] for r in lt_server.requests]
    assert len(sent) > 1
    assert all(len(text) <= 200 for text in sent[1:])  # the first was refused
    assert sent_paragraphs(lt_server.requests[1:]) == paragraphs


def test_a_paragraph_over_the_servers_limit_is_one_line(lt_server: LTServer) -> None:
    lt_server.max_text_length = 20
    with pytest.raises(EngineError) as caught:
        connect(lt_server).check_paragraphs(["A paragraph longer than twenty characters."])
    assert_one_line_engine_error(caught.value)
    assert "over the server's limit of 20 (maxTextLength" in str(caught.value)


def test_too_many_requests_backs_off_and_says_so(lt_server: LTServer) -> None:
    engine = connect(lt_server)
    lt_server.rate_limited = 2
    began = time.monotonic()
    checker = ProseChecker(engine)
    result = checker.check(load_text("We recieve it.\n"))
    assert time.monotonic() - began >= 2.0  # Retry-After: 1, twice
    assert [s.text for s in result.suggestions] == ["recieve"]
    (notice,) = result.notices
    assert "HTTP 429" in notice
    assert len(lt_server.requests) == 3


def test_context_rules_enabled_by_name_check_each_paragraph_alone(lt_server: LTServer) -> None:
    paragraphs = ["We recieve it.", "They recieve it."]
    engine = connect(lt_server, enabled_rules=("EN_WORD_COHERENCY",))
    engine.check_paragraphs(paragraphs)
    assert len(lt_server.requests) == 2
    for form in lt_server.requests:
        assert set(form["disabledRules"].split(",")) == set(languagetool.DEFAULT_DISABLED_RULES)


def test_a_rule_off_by_default_is_on_when_enabled_by_name(lt_server: LTServer) -> None:
    connect(lt_server, enabled_rules=("FIRST_OF_ALL",)).check_paragraphs(["First of all, hi."])
    (form,) = lt_server.requests
    assert "FIRST_OF_ALL" not in form["disabledRules"].split(",")
    assert "FIRST_OF_ALL" in languagetool.DEFAULT_DISABLED_RULES
    assert form["enabledRules"] == "FIRST_OF_ALL"


def test_no_paragraphs_no_request(lt_server: LTServer) -> None:
    assert connect(lt_server).check_paragraphs([]) == []
    assert lt_server.requests == []


# -- Failures: one line, exit code 3, never a hang -----------------------------


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("error500", "HTTP 500: Error: Internal Error: java.lang.RuntimeException"),
        ("badjson", "invalid reply (not JSON)"),
        ("nomatches", "invalid reply: reply has no 'matches' list"),
        ("badmatch", "invalid reply: malformed match"),
        ("close", "the server closed the connection without a reply"),
    ],
)
def test_server_failures_are_one_line_engine_errors(
    lt_server: LTServer, mode: str, reason: str
) -> None:
    engine = connect(lt_server)
    lt_server.mode = mode  # type: ignore[assignment]
    with pytest.raises(EngineError) as caught:
        engine.check_paragraphs(["We recieve it."])
    assert_one_line_engine_error(caught.value)
    assert str(caught.value).startswith(f"languagetool: {lt_server.url}: {reason}")


def test_failure_inside_prose_checker_is_an_engine_error(lt_server: LTServer) -> None:
    checker = ProseChecker(connect(lt_server))
    lt_server.mode = "error500"
    with pytest.raises(EngineError):
        checker.check(load_text("We recieve it.\n"))


def test_server_gone_during_a_run() -> None:
    with running_server() as server:
        engine = connect(server)
    with pytest.raises(EngineError) as caught:
        engine.check_paragraphs(["We recieve it."])
    assert_one_line_engine_error(caught.value)
    assert str(caught.value) == f"languagetool: {server.url}: not reachable (connection refused)"


def test_slow_server_times_out_quickly() -> None:
    with running_server() as server:
        engine = languagetool.build(settings(server.url, timeout=0.5), env={})
        server.mode, server.delay = "slow", 3.0
        began = time.monotonic()
        with pytest.raises(EngineError) as caught:
            engine.check_paragraphs(["We recieve it."])
        elapsed = time.monotonic() - began
    assert elapsed < 2.5  # two tries of 0.5 s, not the library's 300 s
    assert_one_line_engine_error(caught.value)
    assert "no reply within 0.5 s" in str(caught.value)


def test_unsupported_language_or_mother_tongue_fails_at_build(lt_server: LTServer) -> None:
    with pytest.raises(EngineError, match="unsupported language: 'xx-XX'") as caught:
        languagetool.build(settings(lt_server.url, language="xx-XX"), env={})
    assert_one_line_engine_error(caught.value)
    with pytest.raises(EngineError, match="mother tongue: unsupported language: 'qq'"):
        languagetool.build(settings(lt_server.url, mother_tongue="qq"), env={})


# -- probe and build -----------------------------------------------------------


def test_probe_reports_the_test_server_and_its_version(lt_server: LTServer) -> None:
    status = languagetool.probe(settings(lt_server.url), env={})
    assert status == EngineStatus("languagetool", True, "6.5", f"server {lt_server.url}")
    # Only looked: a list of languages and a two-character check.
    assert lt_server.log == [("GET", "/v2/languages"), ("POST", "/v2/check")]
    assert lt_server.texts() == ["Hi."]


def test_server_comes_from_settings_then_environment(lt_server: LTServer) -> None:
    env = {"COPYDESK_LT_SERVER": lt_server.url}
    assert languagetool.resolve_server(settings(), env) == lt_server.url
    assert languagetool.resolve_server(settings("http://mine:8081"), env) == "http://mine:8081"
    assert languagetool.resolve_server(settings(), {"COPYDESK_LT_SERVER": " "}) is None
    assert languagetool.resolve_server(settings(), {}) is None
    assert languagetool.probe(settings(), env).available


def test_server_url_forms(lt_server: LTServer) -> None:
    bare = lt_server.url.removeprefix("http://")
    for given in (bare, f"{lt_server.url}/", f"{lt_server.url}/v2/", f"{lt_server.url}/v2"):
        assert languagetool.probe(settings(given), env={}).detail == f"server {lt_server.url}"
    status = languagetool.probe(settings(f"{lt_server.url}/not-lt"), env={})
    assert not status.available
    assert status.detail.startswith(
        f"server {lt_server.url}/not-lt: HTTP 404 for /not-lt/v2/languages"
    )
    assert not languagetool.probe(settings("ftp://example.org/lt"), env={}).available


def test_probe_of_a_refusing_server() -> None:
    url = closed_port_url()
    status = languagetool.probe(settings(url), env={})
    assert not status.available
    assert status.version is None
    assert status.detail.startswith(f"server {url}: not reachable (connection refused); ")
    assert "\n" not in status.detail
    with pytest.raises(EngineError, match="not reachable"):
        languagetool.build(settings(url), env={})


def test_probe_is_bounded_by_the_timeout() -> None:
    with running_server("slow", delay=3.0) as server:
        began = time.monotonic()
        status = languagetool.probe(settings(server.url, timeout=0.5), env={})
        assert time.monotonic() - began < 1.5
    assert status.available
    assert status.version is None  # the version check did not answer in time


def test_probe_without_server_or_install(tmp_path: Path) -> None:
    env = {"LTP_PATH": str(tmp_path / "ltp"), "HOME": str(tmp_path)}
    status = languagetool.probe(settings(), env)
    assert not status.available
    assert status.detail.startswith(
        "not available: no LanguageTool server configured and no local install found (java "
    )
    assert status.detail.endswith(
        "set COPYDESK_LT_SERVER=http://localhost:8081 or --lt-server URL, "
        "or pass --lt-public to use the public API)"
    )
    assert "run 'copydesk languagetool fetch' (Maven and Java 17+)" in status.detail
    assert "\n" not in status.detail
    assert not (tmp_path / "ltp").exists()  # looked, never created
    with pytest.raises(EngineError) as caught:
        languagetool.build(settings(), env=env)
    assert str(caught.value) == f"languagetool: {status.detail}"


def test_probe_public_api_is_opt_in_and_says_where_text_goes() -> None:
    status = languagetool.probe(settings(public=True), env={})
    assert status.available
    assert "sends the text to languagetool.org" in status.detail


def test_without_language_tool_python(monkeypatch: pytest.MonkeyPatch, lt_server: LTServer) -> None:
    monkeypatch.setattr(languagetool, "_library_installed", lambda: False)
    status = languagetool.probe(settings(lt_server.url), env={})
    assert not status.available
    assert status.detail == (
        "not available: language-tool-python is not installed "
        "(pip install 'copydesk[languagetool]')"
    )
    with pytest.raises(EngineError, match="pip install"):
        languagetool.build(settings(lt_server.url), env={})


def test_module_imports_and_probes_without_the_library() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'language_tool_python':\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from editor.checkers import languagetool\n"
        "from editor.config import LanguageToolSettings\n"
        "print(languagetool.probe(LanguageToolSettings(server='http://127.0.0.1:9'), env={}).detail)\n"
        "print('language_tool_python' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "not available: language-tool-python is not installed (pip install 'copydesk[languagetool]')",
        "False",
    ]


def test_close_of_a_remote_engine_is_harmless(lt_server: LTServer) -> None:
    engine = connect(lt_server)
    engine.close()
    engine.close()


# -- A local install, with a fake java that runs the toy server -----------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="the fake java is a shell script")


def fake_java(folder: Path, *, version: str = "17.0.9", server: bool = True) -> dict[str, str]:
    """A ``java`` that reports ``version`` and runs the toy server (or fails like a
    broken install); the environment to find it by."""
    folder.mkdir(parents=True, exist_ok=True)
    run = (
        # java -Xmx… -cp <jar> org.languagetool.server.HTTPServer --port <port>
        f'shift 4\nexec {shlex.quote(sys.executable)} {shlex.quote(str(LTSERVER))} "$@"'
        if server
        else 'echo "Error: Could not find or load main class $4" >&2\nexit 1'
    )
    script = folder / "java"
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-version" ]; then\n'
        f"  echo 'openjdk version \"{version}\" 2023-10-17' >&2\n"
        "  exit 0\n"
        "fi\n"
        f"{run}\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(folder)}


def install(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "languagetool-server.jar").write_bytes(b"")
    return folder


@posix_only
def test_local_install_is_started_used_and_stopped(tmp_path: Path) -> None:
    env = fake_java(tmp_path / "bin") | {"LTP_PATH": str(tmp_path / "ltp")}
    install(tmp_path / "ltp" / "LanguageTool-6.4")
    newest = install(tmp_path / "ltp" / "LanguageTool-6.5")
    status = languagetool.probe(settings(), env)
    assert status.available
    assert status.version == "6.5"
    assert status.detail == f"local LanguageTool 6.5 at {newest} (started when needed, java 17)"
    engine = languagetool.build(settings(), env=env)
    try:
        # Nothing is started until a paragraph needs checking.
        assert engine._local is None
        assert engine.check_paragraphs([]) == []
        assert engine._local is None
        results = engine.check_paragraphs(["We recieve 🎉 teh parcel."])
        assert flagged(["We recieve 🎉 teh parcel."], results) == [
            (0, "recieve", "MORFOLOGIK_RULE_EN_US"),
            (0, "teh", "MORFOLOGIK_RULE_EN_US"),
        ]
        assert json.loads(engine.identity())["server"] == str(newest)
        assert engine.url.startswith("http://127.0.0.1:")
        process = engine._local.process  # type: ignore[union-attr]
        assert process.poll() is None
    finally:
        engine.close()
    assert process.poll() is not None
    engine.close()
    # Nothing downloaded or unpacked next to the installs.
    assert sorted(p.name for p in (tmp_path / "ltp").iterdir()) == [
        "LanguageTool-6.4",
        "LanguageTool-6.5",
    ]


@posix_only
def test_local_install_that_fails_to_start(tmp_path: Path) -> None:
    env = fake_java(tmp_path / "bin", server=False) | {"LTP_PATH": str(tmp_path / "ltp")}
    folder = install(tmp_path / "ltp" / "LanguageTool-6.5")
    engine = languagetool.build(settings(), env=env)  # starts nothing yet
    began = time.monotonic()
    with pytest.raises(EngineError) as caught:
        engine.check_paragraphs(["We recieve it."])
    assert time.monotonic() - began < 10
    assert_one_line_engine_error(caught.value)
    assert str(caught.value) == (
        f"languagetool: the local LanguageTool at {folder} exited with code 1: "
        "Error: Could not find or load main class org.languagetool.server.HTTPServer"
    )


@posix_only
def test_local_install_needs_a_recent_java(tmp_path: Path) -> None:
    env = fake_java(tmp_path / "bin", version="1.8.0_292") | {"LTP_PATH": str(tmp_path / "ltp")}
    folder = install(tmp_path / "ltp" / "LanguageTool-6.6")
    status = languagetool.probe(settings(), env)
    assert not status.available
    assert status.detail.startswith(
        f"not available: the local LanguageTool 6.6 at {folder} needs Java 17+, found java 8 ("
    )


def test_local_install_without_java(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path / "empty"), "LTP_PATH": str(tmp_path / "ltp")}
    folder = install(tmp_path / "ltp" / "LanguageTool-6.5")
    status = languagetool.probe(settings(), env)
    assert not status.available
    assert status.detail.startswith(
        f"not available: the local LanguageTool 6.5 at {folder} needs Java, which is not on PATH"
    )
    del env["LTP_PATH"]
    env["HOME"] = str(tmp_path)
    assert "(java not found; " in languagetool.probe(settings(), env).detail


@posix_only
def test_jar_dir_path_names_an_install_anywhere(tmp_path: Path) -> None:
    env = fake_java(tmp_path / "bin")
    jar_dir = tmp_path / "opt" / "lt"
    jar_dir.mkdir(parents=True)
    with zipfile.ZipFile(jar_dir / "languagetool-server.jar", "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Version: 6.4\n")
    status = languagetool.probe(settings(), env | {"LTP_JAR_DIR_PATH": str(jar_dir)})
    assert status.available
    assert status.version == "6.4"
    empty = tmp_path / "empty"
    empty.mkdir()
    status = languagetool.probe(settings(), env | {"LTP_JAR_DIR_PATH": str(empty)})
    assert not status.available
    assert status.detail.startswith(
        f"not available: LTP_JAR_DIR_PATH={empty} holds no languagetool-server.jar ("
    )


def test_a_configured_server_wins_over_a_local_install(tmp_path: Path, lt_server: LTServer) -> None:
    install(tmp_path / "ltp" / "LanguageTool-6.5")
    status = languagetool.probe(settings(lt_server.url), {"LTP_PATH": str(tmp_path / "ltp")})
    assert status.detail == f"server {lt_server.url}"


# -- A real LanguageTool, where there is one ------------------------------------


@pytest.fixture
def real_engine(real_lt: str) -> Iterator[languagetool.LanguageToolEngine]:
    engine = languagetool.build(settings(real_lt, timeout=30.0), env={})
    yield engine
    engine.close()


def test_real_probe(real_lt: str) -> None:
    status = languagetool.probe(settings(real_lt, timeout=30.0), env={})
    assert status.available, status.detail
    assert status.version
    assert status.version[0].isdigit()


def test_real_findings_and_offsets(real_engine: languagetool.LanguageToolEngine) -> None:
    paragraphs = ["We will recieve teh parcel tomorrow.", "It is a apple."]
    results = real_engine.check_paragraphs(paragraphs)
    found = {paragraphs[i][f.start : f.end]: f for i, fs in enumerate(results) for f in fs}
    assert "the" in found["teh"].replacements
    assert found["teh"].category == "spelling"
    assert "receive" in found["recieve"].replacements
    assert "an" in found["a"].replacements


def test_real_emoji_offsets(real_engine: languagetool.LanguageToolEngine) -> None:
    paragraph = "🎉👩‍👩‍👧 We will recieve 🚀 teh parcel."
    (findings,) = real_engine.check_paragraphs([paragraph])
    texts = [paragraph[f.start : f.end] for f in findings]
    assert "recieve" in texts
    assert "teh" in texts


def test_real_markdown_code_and_urls_are_never_flagged(
    real_engine: languagetool.LanguageToolEngine,
) -> None:
    text = (
        "We will recieve `tommorow --colour` and [a link](https://example.com/tommorow).\n\n"
        "```\nteh tommorow\n```\n"
    )
    suggestions = ProseChecker(real_engine).check(load_text(text, "markdown")).suggestions
    assert [s.text for s in suggestions if s.category == "spelling"] == ["recieve"]
    for s in suggestions:
        assert text[s.start : s.end] == s.text
