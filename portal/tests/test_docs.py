"""README.md is the front door, docs/ the manual: links resolve, the door stays small.

Also checks the facts the docs copy from the code: the demo logins in the README
are those seed_demo creates, and the settings table of docs/operations.md names
every variable of deploy/portal.env.example.
"""

import re
from pathlib import Path

import pytest

from demo.management.commands.seed_demo import DEMO_ACCOUNTS

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def text(path):
    """The page without its fenced code blocks, where brackets are not links."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def anchors(path):
    """GitHub's anchors for the headings of a page."""
    slugs = set()
    for heading in HEADING.findall(text(path)):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        slugs.add(slug)
    return slugs


def relative_links(path):
    for target in LINK.findall(text(path)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            continue  # http:, https:, mailto:
        yield target


def test_there_is_a_manual():
    names = {page.name for page in DOCS}
    assert {"staff-guide.md", "operations.md", "testing.md", "benchmark.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_points_to_an_existing_file(page):
    broken = []
    for target in relative_links(page):
        file, _, anchor = target.partition("#")
        resolved = (page.parent / file).resolve() if file else page
        checks_anchor = anchor and resolved.suffix == ".md"
        if not resolved.exists() or (checks_anchor and anchor not in anchors(resolved)):
            broken.append(target)
    assert not broken, f"{page.name}: broken links {broken}"


def test_readme_links_to_every_docs_page():
    targets = {Path(target.partition("#")[0]) for target in relative_links(README)}
    assert {Path("docs") / page.name for page in DOCS} <= targets


def test_readme_stays_a_front_door():
    assert README.stat().st_size < 6000
    content = README.read_text(encoding="utf-8")
    prose = re.sub(r"`[^`]*`", "", text(README))
    assert not re.search(r"<[a-zA-Z!/]", prose), "Markdown only, no HTML"
    first_block = FENCE.search(content).group(0)
    assert content.index(first_block) < content.index("\n## ")
    assert "make run" in first_block and "make test" in first_block


def test_readme_demo_logins_are_those_seed_demo_creates():
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", README.read_text("utf-8"), re.M)
    assert sorted(rows) == sorted(
        (user, password) for user, password, *_ in DEMO_ACCOUNTS
    )


def test_operations_lists_every_variable_of_env_example():
    example = (ROOT / "deploy" / "portal.env.example").read_text(encoding="utf-8")
    variables = re.findall(r"^([A-Z][A-Z0-9_]*)=", example, re.MULTILINE)
    assert variables
    table = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    missing = [name for name in variables if f"`{name}`" not in table]
    assert not missing, f"not in docs/operations.md: {missing}"
