"""Where the shipped files live: content (scenarios, modules), examples, migrations and the app's entry script.

In a checkout they sit at the repository root. Every other module asks here instead of computing paths from its
own location, so an installed package can point them elsewhere in one place.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCENARIO_DIR = ROOT / "scenarios"
MODULE_DIR = ROOT / "modules"
EXAMPLES_DIR = ROOT / "examples"
MIGRATIONS_DIR = ROOT / "migrations"
APP_SCRIPT = ROOT / "app.py"
