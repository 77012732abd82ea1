"""The project's Vietnamese catalogues: the compiled .mo says what the .po says.

The .mo files are committed (a fresh machine needs no gettext tools); after an
edit of a .po, run `msgfmt --check -o django.mo django.po` beside it.
"""

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES"
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
ESCAPE = re.compile(r"\\(.)")


def unquote(lines):
    text = "".join(STRING.search(line).group(1) for line in lines)
    return ESCAPE.sub(lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def po_entries(path):
    """Return {msgid or (msgid, n): msgstr} of a .po file, the header left out."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        parts, key = {}, None
        for line in block.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if not line.startswith('"'):
                key = line.split(" ", 1)[0]
            parts.setdefault(key, []).append(line)
        if not parts.get("msgid") or not unquote(parts["msgid"]):
            continue
        msgid = unquote(parts["msgid"])
        if "msgctxt" in parts:
            msgid = f"{unquote(parts['msgctxt'])}\x04{msgid}"
        if "msgid_plural" in parts:
            for key, lines in parts.items():
                if key.startswith("msgstr["):
                    entries[(msgid, int(key[7:-1]))] = unquote(lines)
        else:
            entries[msgid] = unquote(parts["msgstr"])
    return entries


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_its_source(domain):
    with open(LOCALE / f"{domain}.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    source = po_entries(LOCALE / f"{domain}.po")
    assert source
    stale = {k: v for k, v in source.items() if catalogue.get(k) != v}
    assert not stale, f"{domain}.mo is older than {domain}.po: {sorted(stale)[:5]}"
    assert len(catalogue) - 1 == len(source), "entries removed from the .po"
