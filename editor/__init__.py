"""copydesk: an editorial copy-editing assistant.

Data flows one way: load a document → run checkers → merge suggestions →
review/decide → apply edits → report.
"""

from __future__ import annotations

from editor.document import Document, load_path, load_text
from editor.model import Edit, Severity, Suggestion

__version__ = "0.1.0"

__all__ = ["Document", "Edit", "Severity", "Suggestion", "__version__", "load_path", "load_text"]
