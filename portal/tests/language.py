"""What staff read on a page, and the English words in it.

english_words(text) finds the words of english_words.txt (beside this module) in a
text; shown_texts(html) returns what a page shows a person or reads out to them:
its text, and the alt, title, aria-label and placeholder of its elements, the
values of its buttons and the labels the admin's scripts add (an inline's "add
another" link). Addresses, file names and slugs are data, not words, and are left
out; so are scripts, styles and the source of rich-text fields.
"""

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("english_words.txt")
NAMED_ATTRIBUTES = ["alt", "title", "aria-label", "aria-description", "placeholder"]
BUTTON_TYPES = {"submit", "button", "reset"}
NOT_SHOWN = {"script", "style", "textarea", "template"}
# Tokens that are data: addresses, e-mail, file names, slugs (tin-tuc-su-kien),
# masked secrets (a password hash's random salt, "OK0zUE****", is no "OK").
DATA_TOKEN = re.compile(
    r"""^(
        \S*(://|/)\S*
      | \S*\*{4,}\S*
      | \S+@\S+
      | \S+\.(jpe?g|png|webp|gif|pdf|csv|xlsx|json)
      | [a-z0-9]+(-[a-z0-9]+)+
      | </?(p|h[1-6]|strong|em|b|i|u|ul|ol|li|table|thead|tbody|tr|th|td|figure
            |figcaption|img|a|br|blockquote|span|div)\b.*
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]+")


@cache
def word_list():
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line and line[0] != "#")


def english_words(text):
    """Return the words of the English list that text uses, in order."""
    words = word_list()
    found = []
    for token in text.split():
        if DATA_TOKEN.match(token.strip("()[]{}“”\"',.;:!?«»")):
            continue
        found += [w for w in WORD.findall(token) if w.lower() in words]
    return found


class ShownTexts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in NOT_SHOWN:
            self.hidden_depth += 1
        for name in NAMED_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        kind = (attrs.get("type") or "").lower()
        if tag == "input" and kind in BUTTON_TYPES and attrs.get("value"):
            self.texts.append(attrs["value"])
        if attrs.get("data-inline-formset"):
            options = json.loads(attrs["data-inline-formset"])["options"]
            self.texts += [options.get("addText", ""), options.get("deleteText", "")]

    def handle_startendtag(self, tag, attrs):
        was = self.hidden_depth
        self.handle_starttag(tag, attrs)
        self.hidden_depth = was

    def handle_endtag(self, tag):
        if tag in NOT_SHOWN and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth and data.strip():
            self.texts.append(data)


def shown_texts(html):
    """Return the texts an HTML page shows or reads out, one string each."""
    parser = ShownTexts()
    parser.feed(html)
    parser.close()
    return [" ".join(text.split()) for text in parser.texts if text.strip()]
