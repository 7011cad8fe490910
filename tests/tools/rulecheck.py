"""Developer helper while writing rules: examples, seed findings and the
clean-corpus false-positive count for a set of rule files.

    python tests/tools/rulecheck.py rules/House/Foo.yml rules/House/Bar.yml
    python tests/tools/rulecheck.py            # the whole default pack
"""

from __future__ import annotations

import sys
from pathlib import Path

from editor.checkers.style import StyleChecker, default_rules_dir, load_rules
from editor.checkers.style.examples import check_examples
from editor.document import load_path

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [default_rules_dir()]
    loaded = load_rules(paths)
    for error in loaded.errors:
        print("LOAD ERROR", error)
    failures = [f for rule in loaded.rules for f in check_examples(rule)]
    for failure in failures:
        print("EXAMPLE FAIL", failure)
    checker = StyleChecker(loaded.rules)
    print(f"\n{len(loaded.rules)} rules, {len(failures)} example failures")
    seed = load_path(ROOT / "seeds" / "huawei-att.txt")
    print("\n== seed findings ==")
    for s in checker.check(seed).suggestions:
        print(f"{s.line}:{s.column} {s.rule} {s.text!r} -> {list(s.replacements)} | {s.message}")
    words = 0
    hits = 0
    print("\n== clean corpus findings ==")
    for file in sorted((ROOT / "tests" / "corpus" / "clean").glob("*.txt")):
        doc = load_path(file)
        words += len(doc.text.split())
        for s in checker.check(doc).suggestions:
            hits += 1
            line = doc.line_text(s.line)
            print(
                f"{file.name}:{s.line}:{s.column} {s.rule} {s.text!r} | ...{line[max(0, s.column - 60) : s.column + 60]}..."
            )
    print(
        f"\ncorpus: {hits} findings in {words} words (budget: fewer than {words / 500:.1f} for the whole pack)"
    )
    return 1 if failures or loaded.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
