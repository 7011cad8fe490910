"""LanguageTool (through language-tool-python): grammar, style and spelling from a server.

Where the server comes from, in this order: one the team runs (``settings.server``
or ``COPYDESK_LT_SERVER``); the public API at languagetool.org, only when asked
for (it sends the text there); or a LanguageTool install already on this machine,
which copydesk starts on a free local port and stops on ``close``. Nothing is
ever downloaded.

language-tool-python is GPL and an optional extra, so it is imported inside
functions only: this module imports, and ``probe`` answers, without it.

The library is used for what it does well (language codes, request parameters
from its public properties) but not for the request (it hides the HTTP status,
so 413 and 429 cannot be told apart) nor its ``Match`` objects (they drop
``shortMessage`` and the rule's description and links, and only half-convert
LanguageTool's UTF-16 offsets). The requests and raw replies are handled here.
"""

from __future__ import annotations

import bisect
import contextlib
import http.client
import importlib.util
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import weakref
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from editor import __version__
from editor.checkers import lt_local
from editor.checkers.base import EngineStatus
from editor.checkers.prose import Finding
from editor.errors import EngineError
from editor.model import SPELLING, Severity

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from language_tool_python import LanguageTool

    from editor.config import LanguageToolSettings

__all__ = [
    "ADVICE_ONLY_RULES",
    "DEFAULT_DISABLED_RULES",
    "ENV_SERVER",
    "HOW_TO_ENABLE",
    "LanguageToolEngine",
    "LocalServer",
    "build",
    "probe",
    "resolve_server",
    "start_fetched",
    "with_defaults",
]

NAME = "languagetool"
#: Environment variable naming a LanguageTool server (``--lt-server`` wins over it).
ENV_SERVER = "COPYDESK_LT_SERVER"
PUBLIC_API = "https://languagetool.org/api"

#: LanguageTool issue type (``rule.issueType``) → (our category, see
#: ``editor.categories``; severity).
_ISSUE_TYPES: dict[str, tuple[str, Severity]] = {
    "misspelling": ("spelling", Severity.ERROR),
    "grammar": ("grammar", Severity.ERROR),
    "typographical": ("typography", Severity.WARNING),
    "whitespace": ("typography", Severity.WARNING),
    "duplication": ("typo", Severity.WARNING),
    "inconsistency": ("consistency", Severity.WARNING),
    "style": ("style", Severity.SUGGESTION),
    "register": ("style", Severity.SUGGESTION),
    "locale-violation": ("regionalism", Severity.SUGGESTION),
}
#: Any other issue type (``uncategorized``, ``other``, …).
_DEFAULT_ISSUE = ("usage", Severity.SUGGESTION)
#: LanguageTool category id (``rule.category.id``) → our category, which wins
#: over the issue type's; the severity always comes from the issue type.
#: Only the spell checker's category is "spelling": a rule elsewhere with issue
#: type "misspelling" (EN_A_VS_AN: "a apple") judges grammar, not whether a
#: word is in the dictionary, so the vocabulary and the merge's spelling
#: deference must not apply to it.
_CATEGORIES: dict[str, str] = {
    "TYPOS": "spelling",
    "PUNCTUATION": "punctuation",
    "CASING": "capitalization",
    "STYLE": "style",
    "REDUNDANCY": "redundancy",
    "PLAIN_ENGLISH": "wordiness",
    "REPETITIONS_STYLE": "style",
    "TYPOGRAPHY": "typography",
    "CONFUSED_WORDS": "usage",
}

#: LanguageTool rules copydesk turns off by default, chosen from measurements
#: on two learner-English dev sets (BEA-2019 dev and JFLEG dev, LanguageTool
#: alone, every first fix applied and matched against annotators' edits): each
#: fired at least five times and was right less than half the time, mostly
#: where the annotators saw nothing wrong at all. Right fixes / fixes, both sets:
DEFAULT_DISABLED_RULES = (
    "COMMA_COMPOUND_SENTENCE",  # 49/277: a comma before every clause-joining "and"
    "FIRST_OF_ALL",  # 0/15: "First of all" is fine
    "EN_SPECIFIC_CASE",  # 4/14: capitalizes common phrases ("stone age")
    "EXTREME_ADJECTIVES",  # 0/9: "very big" → "huge", taste
    "CAFE_DIACRITIC",  # 0/8: "cafe" is standard English
    "DASH_RULE",  # 0/8: dash style is the house rules' job
    "THERE_RE_MANY",  # 3/7: "there are" + singular noun, often a false parse
    "NOTE_COMPOUNDS",  # 0/6
    "ALL_OF_THE",  # 0/5: "all of the" → "all the", taste
    "SUPER_COMPOUNDS",  # 0/5
    # Measured again with the default engines merged (BEA, then JFLEG):
    "COMMA_COMPOUND_SENTENCE_2",  # 19/42, 3/5: a comma before "but"/"so" in short sentences
    "EN_SPLIT_WORDS_HYPHEN",  # 0/8, 1/2
    # British English: "-ise" and "gramme" are right in British spelling, not
    # errors to turn into Oxford spelling ("organised" → "organized").
    "OXFORD_SPELLING_Z_NOT_S",
    "OXFORD_SPELLING_IZE",
    "OXFORD_SPELLING_GRAM",
)

#: LanguageTool rules whose findings copydesk reports without a fix: they point
#: at a real error far more often than their first fix mends it (BEA, then
#: JFLEG: right fixes / fixes; "at an error": the share of findings where an
#: annotator changed something). The message still says what LanguageTool
#: suggests; the editor writes the fix.
ADVICE_ONLY_RULES = frozenset(
    {
        "HE_VERB_AGR",  # 5/22, 3/4; at an error 82 %
        "BEEN_PART_AGREEMENT",  # 4/15, 3/8; at an error 73 %
        "POSSESSIVE_APOSTROPHE",  # 2/10, 0/1
        "HAVE_PART_AGREEMENT",  # 3/6, 0/3
        "THIS_NNS",  # 3/6, 4/10
        "AGREEMENT_SENT_START",  # 2/5, 0/2
        "PRP_PAST_PART",  # 1/5, 0/1
        # Measured again with the default engines and dialect detection:
        "PCT_SINGULAR_NOUN_PLURAL_VERB_AGREEMENT",  # 0/3, 3/4
        "PEOPLE_VBZ",  # 2/3, 0/2
        "PRP_HAVE_VB",  # 1/3, 1/2
        "ANY_BODY",  # 0/1, 2/4
    }
)

#: Requests in flight at once. Consecutive paragraphs are packed into one
#: request (about 4x faster than one request per paragraph on a local server).
_PARALLEL = 2
#: Request size in characters (UTF-16 units, as LanguageTool counts them): a
#: team's or local server, and the public API (20,000 per request).
_REQUEST_UNITS = 10_000
_PUBLIC_REQUEST_UNITS = 19_000
#: Every paragraph is framed the same way in a request, alone or packed: a "."
#: paragraph before and after it. With it, a paragraph's findings do not depend
#: on its neighbours (measured on 3,177 paragraphs: identical findings alone and
#: packed), so the per-paragraph cache stays exact.
_BEFORE, _JOIN, _AFTER = ".\n\n", "\n\n.\n\n", "\n\n."
#: Rules that look across paragraphs by design (consistency of spelling
#: variants in a text; quotations running over paragraphs): off while packing,
#: and when enabled by name each paragraph goes in a request of its own.
CONTEXT_RULES = ("EN_UNPAIRED_QUOTES", "EN_WORD_COHERENCY")
#: Longest total wait when the server answers HTTP 429 (too many requests).
_BACKOFF_SECONDS = 180.0
#: Longest wait for a reachability check (also bounded by ``settings.timeout``).
_PROBE_SECONDS = 5.0
#: Longest wait for a local LanguageTool to start answering.
_START_SECONDS = 60.0
_JARS = ("languagetool-server.jar", "languagetool.jar")
_SERVER_CLASS = lt_local.SERVER_CLASS

_PIP = "pip install 'copydesk[languagetool]'"
_HOW = (
    "run 'copydesk languagetool fetch' (Maven and Java 17+), "
    f"set {ENV_SERVER}=http://localhost:8081 or --lt-server URL, "
    "or pass --lt-public to use the public API"
)

#: Every way to get LanguageTool, for ``copydesk engines`` to show when it is
#: unavailable (elsewhere a short notice points there).
HOW_TO_ENABLE = f"""\
To use LanguageTool (optional), install the client library ({_PIP}) and
give copydesk a server in one of these ways:
  - a server your team runs: --lt-server URL, {ENV_SERVER}=URL, or
    languagetool.server in copydesk.toml; to run one yourself:
      java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081
      docker run -d -p 8081:8010 erikvl87/languagetool
    then {ENV_SERVER}=http://localhost:8081
  - a local install, started and stopped by copydesk when a check needs it
    (about 3 s and 450-700 MB): with Maven and Java 17+,
      copydesk languagetool fetch     (LanguageTool {lt_local.VERSION} from Maven Central)
    or unpack LanguageTool from https://languagetool.org/download/ into
    ~/.cache/language_tool_python/ (or set LTP_JAR_DIR_PATH to its folder);
    'copydesk languagetool serve' runs the fetched one as a server
  - the public API: --lt-public or languagetool.public = true
    (sends your text to languagetool.org)"""


def resolve_server(
    settings: LanguageToolSettings, env: Mapping[str, str] = os.environ
) -> str | None:
    """The server to use: ``settings.server``, else ``COPYDESK_LT_SERVER``, else none."""
    for value in (settings.server, env.get(ENV_SERVER)):
        if value and value.strip():
            return value.strip()
    return None


@dataclass(frozen=True, slots=True)
class _Plan:
    """How ``build`` would get a server, as found by looking (never by starting one)."""

    kind: Literal["server", "public", "local"]
    detail: str
    url: str | None = None
    #: A local install: the class path to serve and the folder it lives in.
    classpath: str | None = None
    folder: Path | None = None
    java: str | None = None
    version: str | None = None


def probe(settings: LanguageToolSettings, env: Mapping[str, str] = os.environ) -> EngineStatus:
    """Whether LanguageTool can run here, within about ``settings.timeout``
    (at most ~5 s); never starts a server or downloads anything."""
    settings = with_defaults(settings)
    plan = _plan(settings, env)
    if isinstance(plan, str):
        return EngineStatus(NAME, False, None, plan)
    return EngineStatus(NAME, True, plan.version, plan.detail)


def with_defaults(settings: LanguageToolSettings) -> LanguageToolSettings:
    """``settings`` with ``DEFAULT_DISABLED_RULES`` off, except those it enables."""
    enabled = set(settings.enabled_rules)
    defaults = [r for r in DEFAULT_DISABLED_RULES if r not in enabled]
    return replace(
        settings, disabled_rules=tuple(dict.fromkeys([*defaults, *settings.disabled_rules]))
    )


#: The language of an engine configured with none (``editor.dialect`` decides
#: per document when copydesk runs it).
DEFAULT_LANGUAGE = "en-US"


def _language(settings: LanguageToolSettings) -> str:
    return settings.language or DEFAULT_LANGUAGE


def _checks_spelling(settings: LanguageToolSettings) -> bool:
    """Whether LanguageTool's spell checker runs: it has one only for a
    language with a region (``en-US``, not ``en``), in category ``TYPOS``, as
    rule ``MORFOLOGIK_RULE_<LANG>``."""
    return (
        "-" in _language(settings)
        and "TYPOS" not in settings.disabled_categories
        and not any(rule.startswith("MORFOLOGIK_RULE_") for rule in settings.disabled_rules)
    )


def build(
    settings: LanguageToolSettings,
    words: Sequence[str] = (),
    env: Mapping[str, str] = os.environ,
) -> LanguageToolEngine:
    """A connected engine; ``EngineError`` with the reason and the fix when
    LanguageTool is unavailable."""
    settings = with_defaults(settings)
    plan = _plan(settings, env)
    if isinstance(plan, str):
        raise EngineError(NAME, plan)
    if plan.kind == "local":
        assert plan.classpath is not None
        assert plan.folder is not None
        assert plan.java is not None
        java, classpath, folder = plan.java, plan.classpath, plan.folder

        def start() -> LocalServer:
            return LocalServer.start(java, classpath, folder, env)

        # Started by the first request: a run whose paragraphs are all cached
        # never pays the server's seconds of start-up and hundreds of MB.
        return LanguageToolEngine(
            settings, words, None, url=None, origin=str(folder), version=plan.version, start=start
        )
    if plan.kind == "public":
        url = origin = PUBLIC_API
    else:
        assert plan.url is not None
        url = origin = plan.url
    tool = _connect(settings, url, public=plan.kind == "public")
    version = plan.version or _server_version(url, _language(settings), settings.timeout)
    return LanguageToolEngine(settings, words, tool, url=url, origin=origin, version=version)


#: Every engine of the process, for the fork hook below.
_LIVE: weakref.WeakSet[LanguageToolEngine] = weakref.WeakSet()


def _after_fork() -> None:
    for engine in list(_LIVE):
        engine._forget_parent()


os.register_at_fork(after_in_child=_after_fork)


class LanguageToolEngine:
    """A ``ParagraphEngine`` on one LanguageTool server.

    A request that gets no reply within ``settings.timeout`` seconds is tried
    once more, so a dead server costs up to twice that.
    """

    name = NAME

    def __init__(
        self,
        settings: LanguageToolSettings,
        words: Sequence[str],
        tool: LanguageTool | None,
        *,
        url: str | None,
        origin: str,
        version: str | None,
        start: Callable[[], LocalServer] | None = None,
    ) -> None:
        """Either ``tool`` on the server at ``url``, or ``start``, which starts
        a local server when the first request needs it."""
        self.settings = settings
        self.words = sorted(set(words))
        self.origin = origin
        self.version = version
        self._url = url
        self._tool = tool
        self._start = start
        self._local: LocalServer | None = None
        self._stop: weakref.finalize[[], LanguageToolEngine] | None = None
        #: Context rules enabled by name need each paragraph alone.
        self._packing = not set(CONTEXT_RULES) & set(settings.enabled_rules)
        self._units = _PUBLIC_REQUEST_UNITS if url == PUBLIC_API else _REQUEST_UNITS
        self.checks_spelling = _checks_spelling(settings)
        #: Things to say once (the checker passes them on): rate limiting.
        self.notices: list[str] = []
        self._told_wait = False
        self._waited = 0.0
        self._lock = threading.Lock()
        _LIVE.add(self)

    @property
    def url(self) -> str:
        """The server's address (a local server's once it has started)."""
        return self._url or self.origin

    def share(self) -> None:
        """Start the local server now, before the process forks (``--jobs``),
        so that every worker uses this one server instead of starting its own."""
        if self._local is None and self._start is not None:
            self._client()

    def _forget_parent(self) -> None:
        """In a forked copy: the client's connections and the local server are
        the parent's (never stopped from here); connect afresh when needed."""
        if self._stop is not None:
            self._stop.detach()
        self._stop = None
        self._local = None
        self._lock = threading.Lock()
        if self._url is not None:
            self._tool = None

    def _client(self) -> LanguageTool:
        """The client, starting the local server first if it is not running."""
        if self._tool is None and self._url is not None:
            self._tool = _connect(self.settings, self._url, public=self._url == PUBLIC_API)
        if self._tool is None:
            assert self._start is not None
            local = self._start()
            self._stop = weakref.finalize(self, local.stop)
            self._local, self._url = local, local.url
            try:
                self._tool = _connect(self.settings, local.url, public=False)
            except BaseException:
                self.close()
                raise
        return self._tool

    def identity(self) -> str:
        s = self.settings
        return json.dumps(
            {
                "version": self.version,
                "server": self.origin,
                "language": _language(s),
                "mother_tongue": s.mother_tongue,
                "disabled_rules": sorted(s.disabled_rules),
                "enabled_rules": sorted(s.enabled_rules),
                "disabled_categories": sorted(s.disabled_categories),
                "enabled_categories": sorted(s.enabled_categories),
                "picky": s.picky,
                "words": self.words,
            },
            sort_keys=True,
        )

    def check_paragraphs(
        self, paragraphs: Sequence[str], dialect: str | None = None
    ) -> list[list[Finding]]:
        packs = self._packs(paragraphs, self._units)
        results: list[list[Finding]] = [[] for _ in paragraphs]
        if not packs:
            return results
        self._client()
        language = dialect or _language(self.settings)

        def run(pack: list[int]) -> tuple[list[int], list[list[Finding]]]:
            return pack, self._check_pack([paragraphs[i] for i in pack], language)

        if len(packs) <= 1:
            done = [run(pack) for pack in packs]
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(_PARALLEL, thread_name_prefix="languagetool") as pool:
                done = list(pool.map(run, packs))
        for pack, found in done:
            for i, findings in zip(pack, found, strict=True):
                results[i] = findings
        return results

    def _packs(self, paragraphs: Sequence[str], units: int) -> list[list[int]]:
        """Consecutive paragraphs, as many per request as fit in ``units``."""
        if not self._packing:
            return [[i] for i in range(len(paragraphs))]
        packs: list[list[int]] = []
        size = len(_BEFORE) + len(_AFTER)
        for i, text in enumerate(paragraphs):
            length = _utf16_length(text) + len(_JOIN)
            if packs and size + length <= units:
                packs[-1].append(i)
                size += length
            else:
                packs.append([i])
                size = len(_BEFORE) + len(_AFTER) + length
        return packs

    def _check_pack(self, texts: Sequence[str], language: str) -> list[list[Finding]]:
        """Findings per paragraph of one request; a request over the server's
        size limit (HTTP 413) is split to fit it."""
        joined = _BEFORE + _JOIN.join(texts) + _AFTER
        try:
            reply = self._post(joined, language)
        except _TooLongError as exc:
            limit = exc.limit
            if len(texts) == 1 or limit is None or limit <= len(_BEFORE) + len(_AFTER):
                units = _utf16_length(texts[0]) if len(texts) == 1 else _utf16_length(joined)
                raise EngineError(
                    NAME,
                    f"{self.url}: a request of {units:,} characters is over the server's "
                    f"limit{f' of {limit:,}' if limit else ''} "
                    "(maxTextLength in its server configuration)",
                ) from None
            self._units = min(self._units, limit)
            found: list[list[Finding]] = []
            for pack in self._packs(texts, self._units):
                found.extend(self._check_pack([texts[i] for i in pack], language))
            return found
        try:
            findings = _findings(reply, joined)
        except _BadReplyError as exc:
            raise EngineError(NAME, f"{self.url}: invalid reply: {exc}") from None
        starts: list[int] = []
        at = len(_BEFORE)
        for text in texts:
            starts.append(at)
            at += len(text) + len(_JOIN)
        per: list[list[Finding]] = [[] for _ in texts]
        for finding in findings:
            i = bisect.bisect_right(starts, finding.start) - 1
            # Findings on the framing, or running out of a paragraph, are dropped.
            if i >= 0 and finding.end <= starts[i] + len(texts[i]):
                per[i].append(finding.shifted(-starts[i]))
        return per

    def _post(self, text: str, language: str) -> Any:
        """POST ``text`` to ``/v2/check`` in ``language`` with the engine's settings: the reply's
        JSON. A request that fails to connect or times out is tried once more;
        HTTP 429 waits (``Retry-After`` or doubling from 5 s) and tries again."""
        tool = self._client()
        params = dict(tool._create_params(text))
        params["language"] = language
        if self._packing:
            disabled = [r for r in params.get("disabledRules", "").split(",") if r]
            params["disabledRules"] = ",".join(dict.fromkeys([*disabled, *CONTEXT_RULES]))
        data = urllib.parse.urlencode(params).encode("utf-8")
        url = urllib.parse.urljoin(tool.url, "check")
        timeout = self.settings.timeout
        tries, delay = 0, 5.0
        while True:
            try:
                with urllib.request.urlopen(_request(url, data), timeout=timeout) as response:
                    body = response.read()
            except urllib.error.HTTPError as exc:
                try:
                    body = exc.read()
                except (OSError, AttributeError):
                    body = b""
                message = _one_line(body.decode("utf-8", "replace"))
                if exc.code == 413:
                    found = re.search(r"limit of ([\d,]+)", message)
                    raise _TooLongError(
                        int(found.group(1).replace(",", "")) if found else None
                    ) from None
                if exc.code == 429:
                    wait = _retry_after(exc.headers.get("Retry-After"), delay)
                    if self._waited + wait > _BACKOFF_SECONDS:
                        raise EngineError(
                            NAME,
                            f"{self.url}: too many requests (HTTP 429) after waiting "
                            f"{self._waited:.0f} s; try again later or use your own server",
                        ) from None
                    self._note_wait(wait)
                    time.sleep(wait)
                    delay = min(delay * 2, 60.0)
                    continue
                detail = f": {message}" if message else ""
                raise EngineError(NAME, f"{self.url}: HTTP {exc.code}{detail}") from None
            except (OSError, http.client.HTTPException) as exc:
                tries += 1
                if tries < 2:
                    continue
                raise EngineError(NAME, f"{self.url}: {_reason(exc, timeout, tries=2)}") from None
            try:
                return json.loads(body)
            except ValueError:
                text_body = _one_line(body.decode("utf-8", "replace"))
                detail = f": {text_body}" if text_body else ""
                raise EngineError(NAME, f"{self.url}: invalid reply (not JSON){detail}") from None

    def _note_wait(self, seconds: float) -> None:
        with self._lock:
            self._waited += seconds
            if not self._told_wait:
                self._told_wait = True
                self.notices.append(
                    f"{NAME}: the server limits requests (HTTP 429); "
                    "waiting and trying again, which slows this check down"
                )

    def close(self) -> None:
        """Stops the local LanguageTool this engine started, if any."""
        if self._stop is not None:
            self._stop()


# -- Where LanguageTool is -------------------------------------------------------


def _plan(settings: LanguageToolSettings, env: Mapping[str, str]) -> _Plan | str:
    """The way to LanguageTool, or one line saying why there is none and how to fix it."""
    if not _library_installed():
        return f"not available: language-tool-python is not installed ({_PIP})"
    limit = max(0.1, min(settings.timeout, _PROBE_SECONDS))
    server = resolve_server(settings, env)
    if server is not None:
        return _plan_server(server, settings, limit)
    if settings.public:
        return _Plan(
            "public",
            f"public API at {PUBLIC_API} (sends the text to languagetool.org)",
            url=PUBLIC_API,
        )
    return _plan_local(env, limit)


def _plan_server(server: str, settings: LanguageToolSettings, limit: float) -> _Plan | str:
    source = "--lt-server / languagetool.server" if settings.server else ENV_SERVER
    url = _base_url(server)
    if url is None:
        return f"server {server}: not an http(s) URL; fix {source}"
    deadline = time.monotonic() + limit
    try:
        languages = _fetch(f"{url}/v2/languages", None, limit)
    except Exception as exc:  # any failure means "not usable", said in one line
        return f"server {url}: {_reason(exc, limit)}; start it, or fix {source}"
    if not isinstance(languages, list):
        return (
            f"server {url}: /v2/languages is not a list (not a LanguageTool server?); fix {source}"
        )
    version = _server_version(url, _language(settings), deadline - time.monotonic())
    return _Plan("server", f"server {url}", url=url, version=version)


def _plan_local(env: Mapping[str, str], limit: float) -> _Plan | str:
    found = _find_install(env)
    if isinstance(found, str):
        return f"not available: {found} ({_HOW})"
    java = shutil.which("java", path=env.get("PATH"))
    major = _java_major(java, env, limit) if java else None
    if found is None:
        have = "java not found" if java is None else f"java {major or '(unknown version)'} found"
        return (
            "not available: no LanguageTool server configured and no local install found "
            f"({have}; {_HOW})"
        )
    classpath, folder, version = found
    named = f"LanguageTool {version}" if version else "LanguageTool"
    if java is None:
        return (
            f"not available: the local {named} at {folder} needs Java, which is not on PATH "
            f"(install Java 17+, or {_HOW})"
        )
    needed = _java_needed(version)
    if major is not None and major < needed:
        return (
            f"not available: the local {named} at {folder} needs Java {needed}+, "
            f"found java {major} (install a newer Java, or {_HOW})"
        )
    return _Plan(
        "local",
        f"local {named} at {folder} (started when needed, java {major or '?'})",
        classpath=classpath,
        folder=folder,
        java=java,
        version=version,
    )


def _library_installed() -> bool:
    try:
        return importlib.util.find_spec("language_tool_python") is not None
    except (ImportError, ValueError):
        return False


def _base_url(server: str) -> str | None:
    """``localhost:8081``, ``http://host/lt/`` or ``…/v2/`` → ``http://…`` without
    a trailing slash or ``/v2``; ``None`` for anything but http(s)."""
    url = server.strip()
    if "://" not in url:
        url = f"http://{url}"
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    path = parts.path.rstrip("/").removesuffix("/v2").rstrip("/")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _find_install(env: Mapping[str, str]) -> tuple[str, Path, str | None] | str | None:
    """An installed LanguageTool as ``(class path, folder, version)``; a reason
    when ``LTP_JAR_DIR_PATH`` names a folder without one; ``None`` when there
    is none. An unpacked download (``LTP_JAR_DIR_PATH``, ``LTP_PATH``) comes
    first, then the one ``copydesk languagetool fetch`` resolved with Maven.

    Looks only (language-tool-python's own helpers create the download folder).
    """
    jar_dir = env.get("LTP_JAR_DIR_PATH")
    if jar_dir:
        jar = _jar_in(Path(jar_dir))
        if jar is None:
            return f"LTP_JAR_DIR_PATH={jar_dir} holds no {_JARS[0]}"
        return str(jar), jar.parent, _install_version(jar)
    home = Path(env["HOME"]) if env.get("HOME") else Path.home()
    folder = Path(env.get("LTP_PATH") or home / ".cache" / "language_tool_python")
    try:
        candidates = [p for p in folder.glob("LanguageTool-*") if p.is_dir()]
    except OSError:
        candidates = []
    installs = [(jar, _install_version(jar)) for p in candidates if (jar := _jar_in(p))]
    if installs:
        jar, version = max(installs, key=lambda item: (_version_key(item[1]), str(item[0])))
        return str(jar), jar.parent, version
    fetched = lt_local.find(env)
    if fetched is not None:
        return fetched.classpath, fetched.folder, fetched.version
    return None


def _jar_in(folder: Path) -> Path | None:
    return next((folder / name for name in _JARS if (folder / name).is_file()), None)


def _install_version(jar: Path) -> str | None:
    """From the folder name (``LanguageTool-6.5``), else from the jar's manifest."""
    named = re.fullmatch(r"LanguageTool-(\d[\w.-]*)", jar.parent.name)
    if named:
        return named.group(1)
    try:
        with zipfile.ZipFile(jar) as archive:
            manifest = archive.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = re.search(r"^Implementation-Version:\s*(\S+)", manifest, re.MULTILINE)
    return found.group(1) if found else None


def _version_key(version: str | None) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version or ""))


def _java_needed(version: str | None) -> int:
    """LanguageTool 6.6 and later (and nightly snapshots) need Java 17, older ones Java 9."""
    key = _version_key(version)
    return 9 if key and key < (6, 6) else 17


def _java_major(java: str, env: Mapping[str, str], timeout: float) -> int | None:
    try:
        done = subprocess.run(
            [java, "-version"],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=dict(env),
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not found:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


# -- Talking to it -------------------------------------------------------------


def _fetch(url: str, form: Mapping[str, str] | None, timeout: float) -> Any:
    """GET (or POST ``form`` to) a LanguageTool URL and decode its JSON reply."""
    data = None if form is None else urllib.parse.urlencode(form).encode("utf-8")
    with urllib.request.urlopen(_request(url, data), timeout=timeout) as response:
        return json.loads(response.read())


def _request(url: str, data: bytes | None) -> urllib.request.Request:
    """A GET (or, with form-encoded ``data``, a POST) asking for JSON."""
    return urllib.request.Request(
        url,
        data=data,
        headers={"Accept": "application/json", "User-Agent": f"copydesk/{__version__}"},
    )


def _server_version(url: str, language: str, timeout: float) -> str | None:
    """``software.version`` from checking a two-character text; ``None`` on any failure."""
    if timeout <= 0:
        return None
    try:
        reply = _fetch(f"{url}/v2/check", {"text": "Hi.", "language": language}, timeout)
        version = reply["software"]["version"]
    except Exception:  # the version is a nicety; its absence is no error
        return None
    return version if isinstance(version, str) and version else None


def _connect(settings: LanguageToolSettings, url: str, *, public: bool) -> LanguageTool:
    """A language-tool-python client with copydesk's settings and timeout."""
    import language_tool_python
    from language_tool_python.exceptions import LanguageToolError

    base = (
        language_tool_python.LanguageToolPublicAPI if public else language_tool_python.LanguageTool
    )
    # The library's timeout is a class constant (300 s) its constructor already
    # uses, so a subclass carries ours from the very first request.
    client = type("CopydeskLanguageTool", (base,), {"_TIMEOUT": settings.timeout})
    try:
        tool: LanguageTool = (
            client(_language(settings), mother_tongue=settings.mother_tongue)
            if public
            else client(
                _language(settings), remote_server=url + "/", mother_tongue=settings.mother_tongue
            )
        )
    except ValueError as exc:  # LanguageTag's "unsupported language: 'xx'"
        raise EngineError(NAME, f"{url}: {_one_line(str(exc))}") from None
    except (LanguageToolError, OSError, http.client.HTTPException, KeyError, TypeError) as exc:
        raise EngineError(NAME, f"{url}: {_reason(exc, settings.timeout)}") from None
    if settings.mother_tongue:
        try:
            # The property checks the code against the server's languages.
            tool.mother_tongue  # noqa: B018
        except ValueError as exc:
            raise EngineError(NAME, f"{url}: mother tongue: {_one_line(str(exc))}") from None
        except (LanguageToolError, OSError) as exc:
            raise EngineError(NAME, f"{url}: {_reason(exc, settings.timeout)}") from None
    tool.disabled_rules = set(settings.disabled_rules)
    tool.enabled_rules = set(settings.enabled_rules)
    tool.disabled_categories = set(settings.disabled_categories)
    tool.enabled_categories = set(settings.enabled_categories)
    tool.picky = settings.picky
    return tool


# -- Reading the reply ---------------------------------------------------------


class _BadReplyError(ValueError):
    """The server answered, but not the way LanguageTool does."""


class _TooLongError(Exception):
    """HTTP 413: the request is over the server's size limit (``limit``, if it says)."""

    def __init__(self, limit: int | None) -> None:
        super().__init__(limit)
        self.limit = limit


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _retry_after(value: str | None, default: float) -> float:
    """Seconds from a ``Retry-After`` header (seconds form), else ``default``."""
    try:
        seconds = float(value) if value else default
    except ValueError:
        seconds = default
    return max(0.5, min(seconds, 60.0))


def _findings(reply: Any, text: str) -> list[Finding]:
    if not isinstance(reply, dict) or not isinstance(reply.get("matches"), list):
        raise _BadReplyError("reply has no 'matches' list")
    position = _Utf16Index(text)
    return [_finding(match, position) for match in reply["matches"]]


def _finding(match: Any, position: _Utf16Index) -> Finding:
    try:
        rule = match["rule"]
        rule_id, offset, length = rule["id"], match["offset"], match["length"]
        message = match["message"]
    except (KeyError, TypeError) as exc:
        raise _BadReplyError(f"malformed match: missing {exc}") from None
    if not (
        isinstance(rule_id, str)
        and isinstance(message, str)
        and _is_count(offset)
        and _is_count(length)
    ):
        raise _BadReplyError(f"malformed match for rule {rule_id!r}")
    start = position.index(offset)
    end = position.index(offset + length)
    category_id = _get(rule, "category", "id")
    issue = _get(rule, "issueType") or "uncategorized"
    category, severity = _ISSUE_TYPES.get(issue, _DEFAULT_ISSUE)
    if category != "regionalism":
        category = _CATEGORIES.get(category_id or "", category)
    if category == SPELLING and category_id not in (None, "TYPOS"):
        category = "grammar"
    return Finding(
        start=start,
        end=end,
        message=_message(message, match.get("shortMessage")),
        rule=f"LanguageTool.{rule_id}",
        severity=severity,
        category=category,
        replacements=()
        if rule_id in ADVICE_ONLY_RULES
        else _replacements(match.get("replacements")),
        link=_first_value(rule.get("urls")),
        description=_get(rule, "description"),
    )


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _get(data: Any, *keys: str) -> str | None:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data if isinstance(data, str) and data else None


def _message(message: str, short: object) -> str:
    """LanguageTool's message, led by its short message (a title such as "Wrong
    article") when that adds something the message does not already say."""
    if not isinstance(short, str) or not short.strip():
        return message
    short = short.strip().rstrip(".:")
    if short.casefold() in message.casefold():
        return message
    return f"{short}: {message}"


def _replacements(values: object) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for item in values if isinstance(values, list) else []:
        value = item.get("value") if isinstance(item, dict) else None
        if isinstance(value, str):
            found.setdefault(value, None)
    return tuple(found)[:5]


def _first_value(values: object) -> str | None:
    if isinstance(values, list) and values:
        return _get(values[0], "value")
    return None


class _Utf16Index:
    """LanguageTool's offsets count UTF-16 code units (an emoji is two); this maps
    them to ``str`` indices, exactly, at both ends of a span."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.units: list[int] | None = None
        if any(ord(c) > 0xFFFF for c in text):
            widths = (2 if ord(c) > 0xFFFF else 1 for c in text)
            self.units = list(itertools.accumulate(widths, initial=0))

    def index(self, units: int) -> int:
        if self.units is None:
            if units > self.length:
                raise _BadReplyError(f"match offset {units} is past the end of the text")
            return units
        at = bisect.bisect_left(self.units, units)
        if at >= len(self.units) or self.units[at] != units:
            raise _BadReplyError(f"match offset {units} is not on a character boundary")
        return at


# -- Errors in one line --------------------------------------------------------


def _reason(exc: BaseException, timeout: float, tries: int = 1) -> str:
    """What went wrong, in a few words, from an exception and what caused it."""
    chain = _chain(exc)
    for error in chain:
        if isinstance(error, ConnectionRefusedError):
            return "not reachable (connection refused)"
        if isinstance(error, socket.gaierror):
            return "not reachable (unknown host)"
    for error in chain:
        if isinstance(error, TimeoutError) or any(
            "Timeout" in c.__name__ for c in type(error).__mro__
        ):
            twice = " (each request is tried twice)" if tries > 1 else ""
            return f"no reply within {timeout:g} s{twice}"
    for error in chain:
        if isinstance(
            error, (ConnectionResetError, ConnectionAbortedError, http.client.RemoteDisconnected)
        ):
            return "the server closed the connection without a reply"
        if isinstance(error, urllib.error.HTTPError):
            return f"HTTP {error.code} for {urllib.parse.urlsplit(error.url or '').path or '/'}"
        if isinstance(error, json.JSONDecodeError):
            # language-tool-python reports a reply that is not JSON with its body as the message.
            body = _one_line(str(exc)) if error is not exc else ""
            return f"invalid reply (not JSON){': ' + body if body else ''}"
    if isinstance(exc, _BadReplyError):
        return f"invalid reply: {exc}"
    return _one_line(f"{type(exc).__name__}: {exc}")


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and everything behind it: causes, contexts, wrapped reasons."""
    seen: list[BaseException] = []
    todo: list[object] = [exc]
    while todo and len(seen) < 20:
        error = todo.pop(0)
        if not isinstance(error, BaseException) or any(error is s for s in seen):
            continue
        seen.append(error)
        todo.extend(
            [error.__cause__, error.__context__, getattr(error, "reason", None), *error.args]
        )
    return seen


def _one_line(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# -- A local install, started and stopped here ---------------------------------


def start_fetched(port: int = 0, env: Mapping[str, str] = os.environ) -> LocalServer:
    """Serve the LanguageTool ``copydesk languagetool fetch`` resolved, on
    ``port`` of 127.0.0.1 (a free one when 0), once it answers; ``EngineError``
    in one line when it is not fetched, Java is missing, or it does not start."""
    install = lt_local.find(env)
    if install is None:
        raise EngineError(
            NAME,
            f"LanguageTool {lt_local.VERSION} is not fetched: run 'copydesk languagetool fetch'",
        )
    java = shutil.which("java", path=env.get("PATH"))
    if java is None:
        raise EngineError(NAME, "Java 17+ is not on PATH (apt-get install default-jre-headless)")
    return LocalServer.start(java, install.classpath, install.folder, env, port)


class LocalServer:
    """``java -cp languagetool-server.jar …HTTPServer`` on a free port of 127.0.0.1.

    Started here rather than by language-tool-python, whose local mode would
    download LanguageTool when it finds no install of the version asked for,
    ignores ``LTP_JAR_DIR_PATH`` when looking for the jar, and tries hundreds of
    ports, up to 15 s each, when the server fails to come up.
    """

    def __init__(self, process: subprocess.Popen[bytes], url: str, log: IO[bytes]) -> None:
        self.process, self.url, self.log = process, url, log

    @classmethod
    def start(
        cls, java: str, classpath: str, folder: Path, env: Mapping[str, str], port: int = 0
    ) -> LocalServer:
        if not port:
            with socket.socket() as probe_socket:
                probe_socket.bind(("127.0.0.1", 0))
                port = probe_socket.getsockname()[1]
        log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        command = [java, lt_local.JAVA_MEMORY, "-cp", classpath, _SERVER_CLASS, "--port", str(port)]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                env=dict(env),
                cwd=folder,
            )
        except OSError as exc:
            log.close()
            raise EngineError(NAME, f"cannot start {java}: {exc.strerror or exc}") from None
        server = cls(process, f"http://127.0.0.1:{port}", log)
        server._wait_until_ready(folder)
        # The first check loads the English rules (seconds); do it now, so the
        # first real request, and a probe's short version check, find it warm.
        with contextlib.suppress(Exception):
            _fetch(f"{server.url}/v2/check", {"text": "Hi.", "language": "en-US"}, _START_SECONDS)
        return server

    def _wait_until_ready(self, folder: Path) -> None:
        deadline = time.monotonic() + _START_SECONDS
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                last = self._last_log_line()
                self.stop()
                detail = f": {last}" if last else ""
                raise EngineError(
                    NAME, f"the local LanguageTool at {folder} exited with code {code}{detail}"
                )
            try:
                _fetch(f"{self.url}/v2/languages", None, 2.0)
            except Exception:  # not up yet
                time.sleep(0.2)
            else:
                return
        self.stop()
        raise EngineError(
            NAME,
            f"the local LanguageTool at {folder} did not answer within {_START_SECONDS:g} s",
        )

    def memory_mb(self) -> float:
        """The server's resident memory in MB (0 where ``/proc`` does not tell)."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="ascii")
        except OSError:
            return 0.0
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        return int(found.group(1)) / 1024 if found else 0.0

    def _last_log_line(self) -> str:
        try:
            self.log.seek(0)
            lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        except (OSError, ValueError):
            return ""
        return _one_line(lines[-1]) if lines else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.log.close()
