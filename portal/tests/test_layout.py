"""The house's floors: each app imports only the apps below it, never above."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What each app may import of ours. news links to campaigns, never the reverse.
MAY_IMPORT = {
    "publishing": set(),
    "campaigns": {"publishing"},
    "polls": {"publishing"},
    "pages": {"publishing"},
    "news": {"publishing", "campaigns"},
    "search": {"publishing", "news", "campaigns"},
    "weather": {"publishing"},
    "two_factor": {"publishing"},
    "demo": {
        "publishing",
        "news",
        "campaigns",
        "polls",
        "pages",
        "search",
        "weather",
    },
}
OURS = {*MAY_IMPORT, "portal"}


def imported_apps(app):
    """Return {app of ours: first module importing it} for app's code, tests aside."""
    found = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        if "tests" in path.relative_to(ROOT).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in OURS and top != app:
                    found.setdefault(top, path.relative_to(ROOT).as_posix())
    return found


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_an_app_imports_only_the_floors_below_it(app):
    found = imported_apps(app)
    assert {
        top: where for top, where in found.items() if top not in MAY_IMPORT[app]
    } == {}


def test_every_app_of_ours_has_its_floor():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == OURS
