"""Word-level differences between an original and a cleaned text."""

from __future__ import annotations
