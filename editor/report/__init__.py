"""Rendering results for people (rich terminal output) and machines (JSON)."""

from __future__ import annotations
