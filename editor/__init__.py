"""copydesk: an editorial copy-editing assistant.

Data flows one way: load a document → run checkers → merge suggestions →
review/decide → apply edits → report.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editor.document import Document, load_path, load_text
    from editor.model import Edit, Severity, Suggestion

__version__ = "0.1.0"

#: The public names, imported on first use: ``copydesk --version`` and every
#: ``editor.*`` import would otherwise load the Markdown parser.
_LAZY = {
    "Document": "editor.document",
    "load_path": "editor.document",
    "load_text": "editor.document",
    "Edit": "editor.model",
    "Severity": "editor.model",
    "Suggestion": "editor.model",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'editor' has no attribute {name!r}")


__all__ = ["Document", "Edit", "Severity", "Suggestion", "__version__", "load_path", "load_text"]
