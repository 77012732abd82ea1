"""The history of a publishable item as a clerk reads it.

django-simple-history lists what each version changed with the stored values:
status codes, UTC times to the microsecond, HTML cut to "[141 chars]", a pending
proposal as a Python dict. ClerkHistory says them as the change form shows them
(names of statuses and categories, dd/mm/yyyy HH:MM in Hà Nội time, Có/Không),
compares bodies as text, paragraph by paragraph, and spells out what a pending
proposal proposes against the live item. Fields that change on every save
(version, updated_at…) are not changes a clerk made, and a save that changed
nothing else leaves no entry (forget_if_unchanged).
"""

import datetime
import difflib
import os
import re
from decimal import Decimal
from html.parser import HTMLParser

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.text import capfirst
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

from .dates import show_date, show_datetime
from .pictures import file_name
from .sanitiser import sanitize_html
from .text import format_vn_number

# Kept by the machinery on every save, or only the proposal's bookkeeping.
NOT_CHANGES = {
    "version",
    "updated_at",
    "pending_by",
    "pending_at",
    "cover_renditions",
    "search_text",
    "view_count",
}
PROPOSAL = "pending_changes"
EMPTY = "(trống)"
PARAGRAPH, ROW, PICTURE = "đoạn", "dòng", "ảnh"
BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "figcaption"}
HTML_BLOCK = re.compile(r"<(p|h[2-6]|ul|ol|table|figure|blockquote)\b")


class ClerkHistory(HistoricalRecordContextHelper):
    """simple_history's context for a version's changes, in a clerk's terms.

    Each change is {"field", "old", "new"} or, for a body, {"field",
    "paragraphs"}: a list of (what, text) from compare_paragraphs ("Thêm đoạn",
    "Bỏ dòng", "Chuyển ảnh"…).
    """

    def context_for_delta_changes(self, delta):
        changes = []
        for change in delta.changes:
            if change.field in NOT_CHANGES:
                continue
            if change.field == PROPOSAL:
                changes += self.proposal(change.new or {})
            else:
                changes.append(self.change(change.field, change.old, change.new))
        return [change for change in changes if change is not None]

    def change(self, name, old, new, label=None):
        """Say how a field changed, or return None if it did not, as stored."""
        field = self.model._meta.get_field(name)
        label = label or capfirst(field.verbose_name)
        if _is_html(old) or _is_html(new):
            # What the editor sent and what was stored differ by what the
            # sanitiser drops (a style, a blank line): that is no change.
            if sanitize_html(old) == sanitize_html(new):
                return None
            return {"field": label, "paragraphs": compare_paragraphs(old, new)}
        return {"field": label, "old": shown(field, old), "new": shown(field, new)}

    def proposal(self, proposed):
        """Say what a pending proposal changes from the live item it belongs to."""
        changes = []
        for name, value in proposed.items():
            field = self.model._meta.get_field(name)
            live = field.value_from_object(self.record)
            if field.is_relation:
                live = _related(field, live)
                value = _related(field, value)
            label = f"Đề xuất – {capfirst(field.verbose_name)}"
            changes.append(self.change(name, live, value, label=label))
        return [change for change in changes if change is not None]


def _related(field, value):
    if value is None or hasattr(value, "pk"):
        return value
    return field.related_model._default_manager.filter(pk=value).first() or value


def shown(field, value):
    """Return value as a clerk reads it on the change form."""
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime.datetime):
        return show_datetime(value)
    if isinstance(value, datetime.date):
        return show_date(value)
    if isinstance(value, Decimal | float):
        return format_vn_number(value)
    if isinstance(field, models.FileField):
        name = value.name if isinstance(value, FieldFile) else str(value)
        return os.path.basename(name) or EMPTY
    return str(value)


def _is_html(value):
    return isinstance(value, str) and bool(HTML_BLOCK.search(value))


class Paragraphs(HTMLParser):
    """Each paragraph, heading, list item, table row and picture of a body.

    paragraphs holds (kind, text): ("đoạn", its text), ("dòng", a table row's
    cells joined by " | ") or ("ảnh", its description, else its file name). A
    picture inside a paragraph comes right after that paragraph's text.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self.current = None
        self.kind = PARAGRAPH
        self.pictures = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self._close()
            self.current = []
            self.kind = ROW if tag == "tr" else PARAGRAPH
        elif tag == "img":
            attrs = dict(attrs)
            name = (attrs.get("alt") or "").strip()
            self.pictures.append(name or file_name(attrs.get("src") or "") or "ảnh")
            if self.current is None:
                self._close()
        elif tag in {"td", "th"} and self.current:
            self.current.append(" | ")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self._close()

    def handle_data(self, data):
        if self.current is None:
            self.current = []
            self.kind = PARAGRAPH
        self.current.append(data)

    def _close(self):
        if self.current is not None:
            text = " ".join("".join(self.current).split()).strip(" |")
            if text:
                self.paragraphs.append((self.kind, text))
        self.paragraphs += [(PICTURE, name) for name in self.pictures]
        self.current = None
        self.pictures = []

    def close(self):
        super().close()
        self._close()


def blocks(html):
    """Return (kind, text) for each block and picture of an HTML body, in order."""
    parser = Paragraphs()
    parser.feed(html or "")
    parser.close()
    return parser.paragraphs


def paragraphs(html):
    """Return the text of each block and picture of an HTML body, in order."""
    return [text for kind, text in blocks(html)]


def compare_paragraphs(old, new):
    """Return [(what, text)]: how new's blocks differ from old's.

    what is "Bỏ", "Thêm" or, for a block taken out at one place and put back
    unchanged at another, "Chuyển", with the kind: "Bỏ dòng", "Chuyển ảnh"…
    """
    before, after = blocks(old), blocks(new)
    changes = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in {"delete", "replace"}:
            changes += [["Bỏ", block] for block in before[i1:i2]]
        if op in {"insert", "replace"}:
            changes += [["Thêm", block] for block in after[j1:j2]]
    for change in list(changes):
        what, block = change
        if what == "Thêm" and ["Bỏ", block] in changes:
            changes.remove(["Bỏ", block])
            change[0] = "Chuyển"
    return [(f"{what} {kind}", text) for what, (kind, text) in changes]


def delta(record, previous, foreign_keys_are_objs=True):
    """Return simple_history's delta from previous to record, the proposal included.

    simple_history compares only the fields a form may edit; the workflow keeps a
    proposal in a field no form edits.
    """
    result = record.diff_against(
        previous,
        excluded_fields=NOT_CHANGES,
        foreign_keys_are_objs=foreign_keys_are_objs,
    )
    proposed, before = (getattr(r, PROPOSAL, None) for r in (record, previous))
    if proposed != before:
        result.changes.append(ModelChange(PROPOSAL, before, proposed))
        result.changed_fields.append(PROPOSAL)
    return result


def set_changes(model, records):
    """Give each of records (newest first) but the last the changes it made."""
    records = list(records)
    for record, previous in zip(records, records[1:], strict=False):
        changes = ClerkHistory(model, record).context_for_delta_changes(
            delta(record, previous)
        )
        record.history_delta_changes = changes


def changed_fields(record, previous):
    """Return the names of the fields a clerk would see changed from previous."""
    return [c.field for c in delta(record, previous, False).changes]


def forget_if_unchanged(obj):
    """Delete the history entry of obj's last save if that save changed nothing.

    Return True if it did. An item's first entry (its creation) always stays.
    """
    record = obj.history.first()
    previous = record.prev_record if record is not None else None
    if previous is None or changed_fields(record, previous):
        return False
    record.delete()
    return True
