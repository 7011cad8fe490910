"""Vale's built-in style, ``Vale``: ``Vale.Repetition``, ``Vale.Spelling``,
``Vale.Terms`` and ``Vale.Avoid``, loaded, as Vale loads them, only when some
section names the style (``BasedOnStyles = Vale`` or ``Vale.Rule = YES``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.checkers.style import RULE_TYPES, build_rule
from editor.checkers.style.schema import RuleNode
from editor.vale.config import BUILTIN_STYLE

if TYPE_CHECKING:
    from editor.checkers.style import Rule
    from editor.vale.config import ValeConfig
    from editor.vocab import Vocabulary

__all__ = ["builtin_rules"]

_INTERNAL = Path("internal")

#: Vale's definitions of its two fixed rules (its ``defaultRules``).
_REPETITION: dict[str, Any] = {
    "extends": "repetition",
    "message": "'%s' is repeated!",
    "level": "error",
    "scope": "text",
    "ignorecase": True,
    "alpha": True,
    "action": {"name": "edit", "params": ["truncate", " "]},
    "tokens": [r"[^\s.!?]+"],
}
_SPELLING: dict[str, Any] = {
    "extends": "spelling",
    "message": "Did you really mean '%s'?",
    "level": "error",
    "scope": "text",
    "action": {"name": "suggest", "params": ["spellings"]},
}


def _rule(name: str, data: dict[str, Any]) -> Rule:
    node = RuleNode(_INTERNAL, dict(data), {})
    node.vale_regex = True
    return build_rule(node, f"{BUILTIN_STYLE}.{name}")


def builtin_rules(config: ValeConfig, vocabulary: Vocabulary) -> list[Rule]:
    """The ``Vale`` style's rules, if the configuration uses the style."""
    if BUILTIN_STYLE not in config.styles():
        return []
    rules = [_rule("Repetition", _REPETITION)]
    if "spelling" in RULE_TYPES:
        rules.append(_rule("Spelling", _SPELLING))
    from editor.checkers.style.vocabulary import vale_vocabulary_rules
    from editor.vocab import load_vocabulary

    rules.extend(vale_vocabulary_rules(vocabulary))
    # A vocabulary a section names has rules of its own, on for that section's files.
    named = dict.fromkeys(name for section in config.sections for name in section.vocab)
    for name in named:
        own = load_vocabulary([name], config.styles_paths, vale=True)
        rules.extend(vale_vocabulary_rules(own, prefix=f"{BUILTIN_STYLE}.{name}"))
    return rules
