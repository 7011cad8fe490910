"""``python -m editor`` runs the ``copydesk`` command."""

from __future__ import annotations

import sys

from editor.cli import main

sys.exit(main())
