"""Where the shipped files live: content (scenarios, modules), examples, migrations, the app's entry script and the
default data folder.

Two layouts, one answer. In a checkout (or an editable install) they sit at the repository root, where authors edit
them. In an installed wheel, setup.py's build step has copied them into the package as `bimtek/_shipped/`, beside
the Streamlit app (app.py, ui/, views/, scoring/, .streamlit/) so `streamlit run <APP_SCRIPT>` finds its pages and
modules there. The checkout wins when both exist, so a stale bundle can never hide an author's edit.

Every other module asks here instead of computing paths from its own location.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLE_NAME = "_shipped"  # setup.py copies the shipped trees into bimtek/<BUNDLE_NAME>/ of the wheel
APP_NAME = "bimtek"  # the per-user data folder's name when installed (platformdirs)


def _is_checkout(folder: Path) -> bool:
    return (folder / "scenarios").is_dir() and (folder / "app.py").is_file()


CHECKOUT = _is_checkout(PACKAGE_DIR.parent)
ROOT = PACKAGE_DIR.parent if CHECKOUT else PACKAGE_DIR / BUNDLE_NAME

SCENARIO_DIR = ROOT / "scenarios"
MODULE_DIR = ROOT / "modules"
EXAMPLES_DIR = ROOT / "examples"
MIGRATIONS_DIR = ROOT / "migrations"
APP_SCRIPT = ROOT / "app.py"


def default_data_dir() -> Path:
    """The embedded SQLite store's folder when BIMTEK_DATA_DIR is not set.

    A checkout keeps data/ at the repository root (as it always has); an installed package cannot write beside its
    own files, so it uses the user's data folder by the platform's convention (~/.local/share/bimtek on Linux,
    honouring XDG_DATA_HOME; ~/Library/Application Support/bimtek on macOS; %LOCALAPPDATA%\\bimtek on Windows).
    """
    if CHECKOUT:
        return ROOT / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)
