"""How good are copydesk's fixes? Precision and recall on learner English.

    python benchmarks/quality.py [--gec DIR] [--set bea|jfleg] [--engines LIST | --each]
                                 [--config FILE] [--select SELECTORS] [--disable RULE]
                                 [--rules-table N]
                                 [--examples RULE] [--json OUT]

Runs copydesk's own pipeline in this process (the engines ``copydesk fix``
builds from the same configuration) over sentence-aligned learner data, takes
every first fix as ``fix --unsafe`` does, and scores the edits with the
scorer of the dev-set folder (``score.py`` there, imported as it is): one
sentence a paragraph, exactly as that folder's ``run.sh`` feeds the command.

It prints the totals (precision, recall, F0.5; GLEU for JFLEG), a table per
rule of what its fixes are worth taken one at a time (each fix applied alone to
its sentence and matched against the annotators' edits), and for BEA-2019 the
recall per error type of the M2 annotation. ``--each`` measures each engine
alone, then the default merge, then the default merge with ``--select
correctness`` (errors only, no style advice), for the README's table. The data is never
copied: it is read from ``--gec`` (default ``../shared/gec`` next to the
project, or ``$COPYDESK_GEC``). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import bisect
import importlib.util
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.apply import apply_edits, choose_fixes
from editor.categories import CORRECTNESS
from editor.checkers.registry import configured_engines
from editor.config import load_config, parse_engines
from editor.document import load_text
from editor.errors import CopydeskError
from editor.model import Edit
from editor.pipeline import check_document
from editor.selection import SelectorError, parse_selectors

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

    from editor.config import Config
    from editor.model import Suggestion

ROOT = Path(__file__).resolve().parent.parent
BETA = 0.5
EACH = ("rules", "harper", "languagetool", "auto")


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: list[str]
    text: str
    #: One list of gold edits per annotator or reference.
    refs: list[list[Any]]
    #: JFLEG's reference sentences, tokenized (for GLEU).
    references: list[list[str]] = field(default_factory=list)


@dataclass(slots=True)
class RuleScore:
    proposed: int = 0
    right: int = 0
    #: Fixes at a place an annotator changed, whatever the fix.
    spotted: int = 0
    count: int = 0
    engines: Counter[str] = field(default_factory=Counter)
    category: str | None = None

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 0.0


@dataclass(slots=True)
class Fix:
    sentence: int
    suggestion: Suggestion
    tp: int
    fp: int
    before: str
    after: str


@dataclass(slots=True)
class SetScore:
    name: str
    engines: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    gleu: float | None = None
    seconds: float = 0.0
    rules: dict[str, RuleScore] = field(default_factory=dict)
    found_by_type: Counter[str] = field(default_factory=Counter)
    gold_by_type: Counter[str] = field(default_factory=Counter)
    fixes: list[Fix] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        b2 = BETA * BETA
        f = (1 + b2) * p * r / (b2 * p + r) if b2 * p + r else 0.0
        return p, r, f


def load_scorer(gec: Path) -> ModuleType:
    path = gec / "score.py"
    spec = importlib.util.spec_from_file_location("gec_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"quality.py: no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["gec_score"] = module  # its dataclasses look themselves up here
    spec.loader.exec_module(module)
    return module


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def read_bea(gec: Path, score: ModuleType) -> list[Sentence]:
    data = gec / "data"
    gold = score.parse_m2(str(data / "bea19-dev.m2"))
    sources = _lines(data / "bea19-dev.src")
    if len(gold) != len(sources):
        raise SystemExit("quality.py: bea19-dev.src and bea19-dev.m2 do not line up")
    return [
        Sentence(g.tokens, _detok(score, line), [g.refs[a] for a in sorted(g.refs)])
        for g, line in zip(gold, sources, strict=True)
    ]


def read_jfleg(gec: Path, score: ModuleType) -> list[Sentence]:
    data = gec / "data"
    sources = _lines(data / "jfleg-dev.src")
    refs = [_lines(data / f"jfleg-dev.ref{i}") for i in range(4)]
    out = []
    for i, line in enumerate(sources):
        tokens = score.normalize_text(line).split()
        references = [score.normalize_text(r[i]).split() for r in refs]
        edits = [score.diff_edits(tokens, r) for r in references]
        out.append(Sentence(tokens, _detok(score, line), edits, references))
    return out


def _detok(score: ModuleType, line: str) -> str:
    return str(score.detok(score.normalize_text(line).split()))


def check_sentences(sentences: Sequence[Sentence], config: Config) -> list[list[Suggestion]]:
    """Every sentence's first fixes, as ``fix --unsafe`` would apply them."""
    paragraphs = [s.text if s.text.strip() else "." for s in sentences]
    starts = []
    position = 0
    for paragraph in paragraphs:
        starts.append(position)
        position += len(paragraph) + 2
    doc = load_text("\n\n".join(paragraphs) + "\n", "text")
    engines, loaded = configured_engines(config)
    if loaded.errors:
        raise SystemExit(f"quality.py: rule error: {loaded.errors[0]}")
    for notice in engines.notices:
        print(f"notice: {notice}", file=sys.stderr)
    try:
        run = check_document(doc, engines.checkers, keep=engines.selection.keep)
    finally:
        engines.close()
    for notice in run.notices:
        print(f"notice: {notice}", file=sys.stderr)
    per: list[list[Suggestion]] = [[] for _ in sentences]
    for s in choose_fixes(run.suggestions, rules=set(), unsafe=True):
        i = bisect.bisect_right(starts, s.start) - 1
        if s.end > starts[i] + len(paragraphs[i]) or not sentences[i].text.strip():
            continue  # a fix of the placeholder or across the blank line: not a sentence edit
        per[i].append(replace(s, start=s.start - starts[i], end=s.end - starts[i]))
    return per


def _fixed(text: str, fixes: Sequence[Suggestion]) -> str:
    edits = [Edit(s.start, s.end, s.replacements[0]) for s in fixes]
    return apply_edits(text, edits).replace("\n", " ")


def _best(score: ModuleType, tokens: list[str], hyp: list[str], refs: list[list[Any]]) -> Any:
    results = [score.match(tokens, hyp, gold) for gold in refs]
    return max(results, key=lambda r: (r.tp - r.fp, r.tp, -r.fn))


def measure(
    name: str, sentences: Sequence[Sentence], config: Config, score: ModuleType, label: str
) -> SetScore:
    started = time.perf_counter()
    per = check_sentences(sentences, config)
    result = SetScore(name, label, seconds=time.perf_counter() - started)
    total = score.Counts()
    hyps = []
    for i, (sentence, fixes) in enumerate(zip(sentences, per, strict=True)):
        hyp = score.project(sentence.tokens, _fixed(sentence.text, fixes))
        hyps.append(hyp)
        results = [score.match(sentence.tokens, hyp, gold) for gold in sentence.refs]
        best = results[score.choose_best(results, total, BETA)]
        total.add(score.Counts(best.tp, best.fp, best.fn))
        for edit in best.matched:
            result.found_by_type[_etype(edit.etype)] += 1
        for edit in (*best.matched, *best.missed):
            result.gold_by_type[_etype(edit.etype)] += 1
        for s in fixes:
            alone = score.project(sentence.tokens, _fixed(sentence.text, [s]))
            one = _best(score, sentence.tokens, alone, sentence.refs)
            row = result.rules.setdefault(s.rule, RuleScore(category=s.category))
            row.proposed += one.tp + one.fp
            row.right += one.tp
            row.count += 1
            row.spotted += _spotted(score, sentence, alone)
            row.engines["+".join(s.sources)] += 1
            before = sentence.text[max(0, s.start - 30) : s.end + 30]
            result.fixes.append(Fix(i, s, one.tp, one.fp, before, _fixed(sentence.text, [s])))
    result.tp, result.fp, result.fn = total.tp, total.fp, total.fn
    if name == "jfleg":
        tokens = [s.tokens for s in sentences]
        references = [s.references for s in sentences]
        result.gleu = float(score.gleu_corpus(tokens, hyps, references)["gleu"])
    return result


def _spotted(score: ModuleType, sentence: Sentence, hyp: list[str]) -> bool:
    """Whether the edit is where some annotator made an edit (its span
    overlaps, or an insertion touches it): the error was found, if not fixed."""
    mine = score.diff_edits(sentence.tokens, hyp)
    gold = [g for ref in sentence.refs for g in ref]
    return any(
        (m.start < g.end and g.start < m.end)
        or (m.start == m.end and g.start <= m.start <= g.end)
        or (g.start == g.end and m.start <= g.start <= m.end)
        for m in mine
        for g in gold
    )


def _etype(etype: str) -> str:
    """``R:VERB:SVA`` → ``VERB:SVA``: the kind of error, whatever the operation."""
    return etype.split(":", 1)[1] if etype[:2] in ("R:", "M:", "U:") else etype or "-"


def print_totals(results: Sequence[SetScore]) -> None:
    print("| engines | set | P | R | F0.5 | GLEU | fixes | seconds |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        p, rr, f = r.prf()
        gleu = f"{100 * r.gleu:.2f}" if r.gleu is not None else ""
        print(
            f"| {r.engines} | {_SET_NAMES[r.name]} | {100 * p:.2f} | {100 * rr:.2f} | "
            f"{100 * f:.2f} | {gleu} | {len(r.fixes)} | {r.seconds:.0f} |"
        )


def print_rules(result: SetScore, limit: int) -> None:
    print(f"\nPer rule, {_SET_NAMES[result.name]} ({result.engines}): each fix alone")
    print("| rule | engine | category | fixes | right | precision | at an error |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    rows = sorted(result.rules.items(), key=lambda kv: (-kv[1].proposed, kv[0]))
    for rule, row in rows[:limit] if limit else rows:
        engines = ", ".join(f"{e}" for e, _ in row.engines.most_common())
        print(
            f"| {rule} | {engines} | {row.category or '-'} | {row.proposed} | {row.right} | "
            f"{100 * row.precision:.0f} % | {100 * row.spotted / max(row.count, 1):.0f} % |"
        )
    if limit and len(rows) > limit:
        print(f"({len(rows) - limit} more rules; --rules-table 0 lists all)")


def print_types(result: SetScore, limit: int = 25) -> None:
    print(f"\nRecall per error type, {_SET_NAMES[result.name]} ({result.engines})")
    print("| type | gold edits | fixed | recall |")
    print("| --- | ---: | ---: | ---: |")
    for etype, gold in result.gold_by_type.most_common(limit):
        found = result.found_by_type[etype]
        print(f"| {etype} | {gold} | {found} | {100 * found / gold:.0f} % |")


def print_examples(result: SetScore, rule: str, limit: int = 40) -> None:
    chosen = [f for f in result.fixes if f.suggestion.rule.lower() == rule.lower()]
    print(f"\n{rule} on {_SET_NAMES[result.name]}: {len(chosen)} fixes")
    for fix in chosen[:limit]:
        s = fix.suggestion
        verdict = "right" if fix.tp and not fix.fp else "WRONG" if not fix.tp else "partly"
        print(f"[{verdict}] #{fix.sentence} {s.text!r} → {s.replacements[0]!r}: {fix.after}")


_SET_NAMES = {"bea": "BEA-2019 dev", "jfleg": "JFLEG dev"}


def _gec_folder(given: str | None) -> Path:
    folder = Path(given or os.environ.get("COPYDESK_GEC") or ROOT.parent / "shared" / "gec")
    if not (folder / "score.py").is_file():
        raise SystemExit(f"quality.py: no dev sets at {folder} (give --gec DIR)")
    return folder


def _configs(args: argparse.Namespace) -> list[tuple[str, Config]]:
    base = load_config(Path(args.config) if args.config else None, start=Path.cwd())
    try:
        select = parse_selectors(args.select) if args.select else None
    except SelectorError as exc:
        raise SystemExit(f"quality.py: --select: {exc}") from None
    base = base.with_overrides(cache=False, disable=(*base.disable, *args.disable), select=select)
    names = EACH if args.each else (args.engines or "auto",)
    out = []
    for name in names:
        engines = parse_engines(name.split(","), lambda reason: SystemExit(f"--engines: {reason}"))
        label = "default" if name == "auto" else name
        if select:
            label += f" --select {','.join(select)}"
        out.append((label, base.with_overrides(engines=engines)))
    if args.each and not select:
        # The figures an editor's trust depends on: errors only, no style advice.
        correctness = base.with_overrides(select=(CORRECTNESS,))
        out.append((f"default --select {CORRECTNESS}", correctness))
    return out


def _to_json(results: Sequence[SetScore]) -> list[dict[str, Any]]:
    out = []
    for r in results:
        p, rr, f = r.prf()
        out.append(
            {
                "set": r.name,
                "engines": r.engines,
                "tp": r.tp,
                "fp": r.fp,
                "fn": r.fn,
                "precision": p,
                "recall": rr,
                "f0.5": f,
                "gleu": r.gleu,
                "seconds": r.seconds,
                "rules": {
                    rule: {
                        "fixes": row.proposed,
                        "right": row.right,
                        "suggestions": row.count,
                        "at_an_error": row.spotted,
                        "category": row.category,
                        "engines": dict(row.engines),
                    }
                    for rule, row in sorted(r.rules.items())
                },
                "recall_by_type": {
                    t: {"gold": n, "fixed": r.found_by_type[t]} for t, n in r.gold_by_type.items()
                },
            }
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--gec", help="the dev-set folder (default ../shared/gec or $COPYDESK_GEC)")
    parser.add_argument("--set", choices=["bea", "jfleg"], action="append", dest="sets")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--engines", help="as 'copydesk fix --engines' (default: auto)")
    group.add_argument(
        "--each", action="store_true", help="each engine alone, then the default merge"
    )
    parser.add_argument("--config", help="a copydesk.toml to use (default: the nearest one)")
    parser.add_argument(
        "--select",
        action="append",
        metavar="SELECTORS",
        help="as 'fix --select', e.g. correctness (--each adds a correctness row by itself)",
    )
    parser.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="as 'fix --disable'"
    )
    parser.add_argument(
        "--rules-table",
        type=int,
        default=30,
        metavar="N",
        help="rows of the per-rule table (0: all; default 30)",
    )
    parser.add_argument("--examples", metavar="RULE", help="list this rule's fixes and verdicts")
    parser.add_argument("--json", metavar="OUT", help="also write every number as JSON")
    args = parser.parse_args(argv)
    gec = _gec_folder(args.gec)
    score = load_scorer(gec)
    readers = {"bea": read_bea, "jfleg": read_jfleg}
    sets = {name: readers[name](gec, score) for name in args.sets or ("bea", "jfleg")}
    results: list[SetScore] = []
    try:
        for label, config in _configs(args):
            for name, sentences in sets.items():
                result = measure(name, sentences, config, score, label)
                results.append(result)
                print(f"{label} on {_SET_NAMES[name]}: {result.seconds:.0f} s", file=sys.stderr)
    except CopydeskError as exc:
        print(f"quality.py: {exc}", file=sys.stderr)
        return 1
    print_totals(results)
    # Per rule and per error type: the last configuration (with --each, the
    # default merge with and without --select correctness).
    shown = {results[-1].engines, *(["default"] if args.each else [])}
    last = [r for r in results if r.engines in shown]
    for result in last:
        print_rules(result, args.rules_table)
    for result in last:
        if result.name == "bea":
            print_types(result)
    if args.examples:
        for result in last:
            print_examples(result, args.examples)
    if args.json:
        Path(args.json).write_text(json.dumps(_to_json(results), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
