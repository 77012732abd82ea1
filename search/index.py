"""Search over published articles, reports, campaigns and documents.

Every item has one SearchEntry, refreshed by signals when it is saved; whether
readers may find it comes from its model's own QuerySet (readable()). Text is
matched on folded words (no diacritics, lower case, Đ -> d) and shown in its
original Vietnamese, with the matched words highlighted.
"""

import html
import re

import nh3
from django.db import connection
from django.db.models import BooleanField, Case, F, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from publishing.text import fold

from .models import SearchEntry

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
BODY_LIMIT = 20000
_WORDS = re.compile(r"[a-z0-9]+")
_TOKENS = re.compile(r"(\w+)")


def words(text):
    """Return the folded lower-case words of text: "Đảng bộ" -> ["dang", "bo"]."""
    return _WORDS.findall(fold(text or "").lower())


def words_key(text):
    """Return text's folded words between spaces, for exact word matching."""
    found = words(text)
    return f" {' '.join(found)} " if found else ""


def plain_text(body):
    """Return the text of an HTML body, tags removed and entities decoded."""
    text = nh3.clean((body or "").replace("<", " <"), tags=set())
    return " ".join(html.unescape(text).split())


# --- keeping the index --------------------------------------------------------


def readable(model):
    """Return model's items that readers see once they are due, by its own rule.

    An entry keeps this (public) with the publish time, and search() compares
    the time itself, so that a scheduled item is found the moment it is due.
    """
    from campaigns.models import Campaign

    if model is Campaign:
        return Campaign.objects.active()
    # At its own publish time an item is due: what is left is the rest of its
    # rule (its status; a report's campaign).
    return model.objects.published(at=F("published_at"))


def entry_fields(obj, public):
    """Return the SearchEntry fields of a searchable item; public: see readable()."""
    from campaigns.models import Campaign, Document, Report
    from news.models import Article

    if isinstance(obj, Article):
        kind, title = SearchEntry.Kind.ARTICLE, obj.title
        text = f"{obj.sapo} {plain_text(obj.body)}"
        published_at = obj.published_at
    elif isinstance(obj, Report):
        kind, title = SearchEntry.Kind.REPORT, obj.title
        text = f"{obj.summary} {plain_text(obj.body)}"
        published_at = obj.published_at
    elif isinstance(obj, Campaign):
        kind, title = SearchEntry.Kind.CAMPAIGN, obj.name
        text = f"{obj.summary} {obj.period}"
        published_at = None
    elif isinstance(obj, Document):
        kind = SearchEntry.Kind.DOCUMENT
        title = f"{obj.get_kind_display()} số {obj.number}"
        text = f"{obj.summary} {obj.issuer}"
        published_at = obj.published_at
    else:
        raise TypeError(f"{type(obj).__name__} is not searchable")
    text = text[:BODY_LIMIT]
    return {
        "kind": kind,
        "object_id": obj.pk,
        "title": title[:400],
        "text": text,
        "title_key": words_key(title),
        "body_key": words_key(text),
        "url": obj.get_absolute_url(),
        "published_at": published_at,
        "public": public,
    }


def entries(objects):
    """Return new SearchEntry rows for saved objects of one model, in one query."""
    if not objects:
        return []
    ids = [obj.pk for obj in objects]
    public = set(
        readable(type(objects[0])).filter(pk__in=ids).values_list("pk", flat=True)
    )
    return [SearchEntry(**entry_fields(obj, obj.pk in public)) for obj in objects]


def index(obj):
    fields = entry_fields(obj, readable(type(obj)).filter(pk=obj.pk).exists())
    SearchEntry.objects.update_or_create(
        kind=fields.pop("kind"), object_id=fields.pop("object_id"), defaults=fields
    )


def unindex(obj):
    kind = entry_fields(obj, public=False)["kind"]
    SearchEntry.objects.filter(kind=kind, object_id=obj.pk).delete()


def rebuild(batch=2000):
    """Rebuild the whole index; return the number of entries."""
    from campaigns.models import Campaign, Document, Report
    from news.models import Article

    sources = [
        Article.objects.select_related("category"),
        Report.objects.select_related("campaign"),
        Campaign.objects.all(),
        Document.objects.all(),
    ]
    SearchEntry.objects.all().delete()
    total = 0
    for queryset in sources:
        objects = []
        for obj in queryset.iterator(chunk_size=batch):
            objects.append(obj)
            if len(objects) == batch:
                total += len(SearchEntry.objects.bulk_create(entries(objects)))
                objects = []
        total += len(SearchEntry.objects.bulk_create(entries(objects)))
    return total


# --- searching ----------------------------------------------------------------


def query_terms(query):
    """Return the distinct folded words of a query, at most MAX_TERMS of them."""
    terms = []
    for word in words(query[:MAX_QUERY_LENGTH]):
        if word not in terms:
            terms.append(word[:50])
    return terms[:MAX_TERMS]


MAX_COUNT = 1000


def search(terms, kind=None, date_from=None, date_to=None, newest=False):
    """Return the visible entries matching every term, best first, for a Paginator.

    Best first means: entries whose title holds every term, then the others, each
    group newest first. On PostgreSQL each group is its own query that can stop
    after the page it needs (walking the date index or the GIN index, as the
    planner sees fit), so a word found in most entries costs no more than a rare
    one; the count stops at MAX_COUNT.
    """
    entries = SearchEntry.objects.published()
    if kind:
        entries = entries.filter(kind=kind)
    if date_from:
        entries = entries.filter(published_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(published_at__date__lte=date_to)
    entries = entries.defer("title_key", "body_key")
    if connection.vendor == "postgresql":
        return RankedResults(entries, " & ".join(terms), newest)
    in_title = Q()
    for term in terms:
        padded = f" {term} "
        entries = entries.filter(
            Q(title_key__contains=padded) | Q(body_key__contains=padded)
        )
        in_title &= Q(title_key__contains=padded)
    entries = entries.annotate(
        in_title=Case(
            When(in_title, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    return entries.order_by(*_order(newest))


def _order(newest):
    date = F("published_at").desc(nulls_last=True)
    return [date, "-pk"] if newest else ["-in_title", date, "-pk"]


def _matches(column, tsquery):
    """A filter: the tsvector column (a constant name) matches tsquery."""
    return RawSQL(  # noqa: S611 - column is one of two names, tsquery a parameter
        f"{column} @@ to_tsquery('simple', %s)", [tsquery], output_field=BooleanField()
    )


class RankedResults:
    """PostgreSQL full-text results, sliced and counted the cheap way."""

    def __init__(self, entries, tsquery, newest):
        # tsquery is built from [a-z0-9]+ words joined by " & ": nothing else.
        self.newest = newest
        self.in_title = _matches("title_vector", tsquery)
        self.matching = entries.filter(_matches("document_vector", tsquery))
        self.capped = False

    def count(self):
        """Count the matches, stopping at MAX_COUNT (the page then says "more")."""
        ids = self.matching.order_by().values("pk")[: MAX_COUNT + 1]
        found = SearchEntry.objects.filter(pk__in=ids).count()
        self.capped = found > MAX_COUNT
        return min(found, MAX_COUNT)

    def __getitem__(self, page):
        by_date = _order(newest=True)
        if self.newest:
            return list(self.matching.order_by(*by_date)[page])
        # Title matches first: the page needs at most `stop` of them, and of the
        # others only as many as the title matches leave room for.
        stop = page.stop
        first = list(self.matching.filter(self.in_title).order_by(*by_date)[:stop])
        rest = []
        if len(first) < stop:
            others = self.matching.exclude(self.in_title).order_by(*by_date)
            rest = list(others[: stop - len(first)])
        return (first + rest)[page]


def highlight(text, terms):
    """Return text, escaped, with the words matching terms in <mark>."""
    wanted = set(terms)
    parts = []
    for index, part in enumerate(_TOKENS.split(text or "")):
        if index % 2 and fold(part).lower() in wanted:
            parts.append(f"<mark>{escape(part)}</mark>")
        else:
            parts.append(escape(part))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def snippet(text, terms, width=36):
    """Return about width words of text around the first match, highlighted."""
    tokens = (text or "").split()
    wanted = set(terms)
    first = next(
        (i for i, token in enumerate(tokens) if wanted.intersection(words(token))),
        0,
    )
    start = max(0, first - width // 3)
    chosen = " ".join(tokens[start : start + width])
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(tokens) else ""
    return mark_safe(  # noqa: S308 - highlight() escapes
        escape(prefix) + highlight(chosen, terms) + escape(suffix)
    )
