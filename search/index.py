"""Search over published articles, reports, campaigns and documents.

Every item has one SearchEntry, refreshed by signals when it is saved; whether
readers may find it comes from its model's own QuerySet (readable()). Text is
matched on folded words (no diacritics, lower case, Đ and Ð -> d, numbers without
their separators) and shown in its original Vietnamese, with what matched
highlighted.

The words of a query are a phrase: entries holding it come first, then those
holding its words apart ("xác định … công tác" for "Định Công"); a phrase in
quotes finds the phrase only (Query).
"""

import functools
import html
import re
from dataclasses import dataclass

import nh3
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from publishing.text import fold, nfc, plain_numbers

from .models import SearchEntry

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
BODY_LIMIT = 20000
_WORDS = re.compile(r"[a-z0-9]+")
# A number with its separators ("292.145", "99,47") is one word, as in words().
_TOKENS = re.compile(r"((?:\w|(?<=\d)[.,](?=\d))+)")
# Straight quotes, and the curly ones phone keyboards type.
_QUOTES = re.compile(r"[\"“”„]")


def words(text):
    """Return the folded lower-case words of text: "Đảng bộ" -> ["dang", "bo"].

    Numbers lose their separators, so that "292.145" and "292145" are one word.
    """
    return _WORDS.findall(plain_numbers(fold(text or "")).lower())


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


@dataclass(frozen=True)
class Query:
    """What a reader asked for: phrases of folded words that must each be found.

    Typed without quotes, the words are one phrase, and entries holding them
    apart are found too, after those holding the phrase (apart). With quotes,
    each quoted part is a phrase, each other word a phrase of one, and only
    entries holding every phrase are found.
    """

    phrases: tuple[tuple[str, ...], ...]
    exact: bool = False

    def __bool__(self):
        return bool(self.phrases)

    @property
    def words(self):
        """Return the distinct words of every phrase, in order."""
        return tuple(dict.fromkeys(word for phrase in self.phrases for word in phrase))

    @property
    def apart(self):
        """Whether entries holding the words apart are found too (after the rest)."""
        return not self.exact and any(len(phrase) > 1 for phrase in self.phrases)


def parse_query(text):
    """Return the Query of what a reader typed, at most MAX_TERMS words.

    '"Định Công" vệ sinh' -> Query((("dinh", "cong"), ("ve",), ("sinh",)), exact)
    An opening quote left unclosed quotes the rest.
    """
    parts, budget = [], MAX_TERMS
    for part in _QUOTES.split(text[:MAX_QUERY_LENGTH]):
        found = [word[:50] for word in words(part)][:budget]
        budget -= len(found)
        parts.append(found)
    if not any(parts[1::2]):
        # No quotes: the words, in order, are one phrase.
        phrase = tuple(word for found in parts for word in found)
        return Query((phrase,) if phrase else ())
    phrases = []
    for n, found in enumerate(parts):
        phrases += [tuple(found)] if n % 2 else [(word,) for word in found]
    return Query(tuple(dict.fromkeys(p for p in phrases if p)), exact=True)


MAX_COUNT = 1000


def search(query, kind=None, date_from=None, date_to=None, newest=False):
    """Return the visible entries matching query, best first, for a Paginator.

    Best first means: entries holding every phrase of the query in their title,
    then those holding them in title or text, then (unless the query is exact)
    those holding the words apart; each group newest first. "newest" sorts each
    of the two groups (phrase, apart) by date alone.
    """
    entries = SearchEntry.objects.published()
    if kind:
        entries = entries.filter(kind=kind)
    if date_from:
        entries = entries.filter(published_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(published_at__date__lte=date_to)
    return Results(entries.defer("title_key", "body_key"), query, newest)


def _order():
    return [F("published_at").desc(nulls_last=True), "-pk"]


def _holding(phrases, title_only=False):
    """A filter: every phrase is in the entry's title, or in its title or text.

    The same on both databases: a phrase is found within the title or within the
    text, never across the two. SQLite looks for the words between spaces in the
    *_key columns; PostgreSQL asks the tsvector columns of portal's migration
    0004 (the text is weighted B, the title A, so a phrase must be all A or all
    B). A tsvector keeps the first 256 places of a word only: a phrase after the
    256th use of one of its words in a text is missed there.
    """
    if connection.vendor != "postgresql":
        condition = Q()
        for phrase in phrases:
            padded = f" {' '.join(phrase)} "
            found = Q(title_key__contains=padded)
            if not title_only:
                found |= Q(body_key__contains=padded)
            condition &= found
        return condition
    if title_only:
        column = "title_vector"
        tsquery = " & ".join(f"({' <-> '.join(phrase)})" for phrase in phrases)
    else:
        column = "document_vector"
        tsquery = " & ".join(
            "(" + " | ".join(_weighted(phrase, weight) for weight in "AB") + ")"
            for phrase in phrases
        )
    # The words are [a-z0-9]+ (words()), joined by operators only; the whole is
    # a parameter.
    return RawSQL(  # noqa: S611 - column is one of two names, tsquery a parameter
        f"{column} @@ to_tsquery('simple', %s)", [tsquery], output_field=BooleanField()
    )


def _weighted(phrase, weight):
    return "(" + " <-> ".join(f"{word}:{weight}" for word in phrase) + ")"


class Results:
    """The entries of a search, group by group, sliced and counted the cheap way.

    The count comes first: the ids of the entries holding the phrase, up to
    MAX_COUNT + 1 of them. No more than MAX_COUNT, and a page reads them by id,
    title first (unless "newest"), newest first. (PostgreSQL's estimates cannot
    tell that a phrase of common words is rare; asked for a page of them newest
    first, it would walk the whole date index looking for them.) More, and the
    page reads the
    phrase's groups, title then text (unless "newest"), each newest first, each
    one query that stops after the page: PostgreSQL walks the date index for
    them. The entries holding the words apart come last, counted when the
    phrase's are, and not read when the count found none.
    """

    def __init__(self, entries, query, newest=False):
        holding = _holding(query.phrases)
        self.entries = entries
        self.phrase = entries.filter(holding)
        # Every phrase in the title is every phrase held, so the title group
        # needs only this condition, and PostgreSQL estimates it alone.
        self.in_title = _holding(query.phrases, title_only=True)
        self.newest = newest
        self.apart = None
        if query.apart:
            each_word = _holding([(word,) for word in query.words])
            self.apart = entries.filter(each_word).exclude(holding)
        self.ids = None
        self.phrase_count = self.apart_count = 0
        self.capped = False

    def count(self):
        """Count the matches, stopping at MAX_COUNT (the page then says "more")."""
        self.ids = list(
            self.phrase.order_by().values_list("pk", flat=True)[: MAX_COUNT + 1]
        )
        self.phrase_count = len(self.ids)
        if self.phrase_count <= MAX_COUNT and self.apart is not None:
            self.apart_count = _count(self.apart)
        found = self.phrase_count + self.apart_count
        self.capped = found > MAX_COUNT
        return min(found, MAX_COUNT)

    def _counted(self):
        """Return the entries the count found, in the groups' order.

        Read by their ids, so PostgreSQL sorts these few rows instead of walking
        the date index in search of them.
        """
        rows = self.entries.filter(pk__in=self.ids)
        if self.newest:
            return rows.order_by(*_order())
        in_title = ExpressionWrapper(self.in_title, output_field=BooleanField())
        return rows.annotate(in_title=in_title).order_by("-in_title", *_order())

    def groups(self):
        """Return (ordered queryset, holds the words apart) of each group.

        What a page reads when the phrase is held by more than MAX_COUNT entries.
        """
        if self.newest:
            phrase = [self.phrase]
        else:
            phrase = [
                self.entries.filter(self.in_title),
                self.phrase.exclude(self.in_title),
            ]
        groups = [(group.order_by(*_order()), False) for group in phrase]
        if self.apart is not None:
            groups.append((self.apart.order_by(*_order()), True))
        return groups

    def __getitem__(self, page):
        if self.ids is None:
            self.count()
        if self.phrase_count > MAX_COUNT:
            return self._read(self.groups(), page.stop)[page]
        found = []
        if page.start < self.phrase_count:
            found = list(self._counted()[page.start : page.stop])
        apart = []
        if self.apart_count and page.stop > self.phrase_count:
            start = max(page.start - self.phrase_count, 0)
            stop = page.stop - self.phrase_count
            apart = list(self.apart.order_by(*_order())[start:stop])
        for entry in found:
            entry.apart = False
        for entry in apart:
            entry.apart = True
        return found + apart

    @staticmethod
    def _read(groups, stop):
        """Return the first `stop` entries of the groups, one after another."""
        # Of the first group the page needs at most `stop` entries, and of the
        # next only as many as the ones before leave room for.
        found = []
        for group, apart in groups:
            if len(found) >= stop:
                break
            rows = list(group[: stop - len(found)])
            for entry in rows:
                entry.apart = apart
            found += rows
        return found


def _count(entries):
    """Count entries, up to MAX_COUNT + 1 (a count of a slice stops there)."""
    return entries.order_by().values("pk")[: MAX_COUNT + 1].count()


# --- showing ------------------------------------------------------------------


@functools.lru_cache(maxsize=20000)
def _token_words(token):
    """Return words(token) as a tuple, remembered.

    Showing a page folds every word of ten texts twice, and text is made of a
    few thousand syllables used over and over.
    """
    return tuple(words(token))


def _word_tokens(text):
    """Split text (NFC) into parts; odd parts are words, each with its folded key."""
    parts = _TOKENS.split(nfc(text or ""))
    keys = [
        "".join(_token_words(part)) if n % 2 else None for n, part in enumerate(parts)
    ]
    return parts, keys


def _phrase_spans(keys, query):
    """Return {first part index: last part index} of every phrase found in keys."""
    found = {}
    word_parts = [n for n, key in enumerate(keys) if key]
    for phrase in query.phrases:
        if len(phrase) < 2:
            continue
        for i in range(len(word_parts) - len(phrase) + 1):
            chosen = word_parts[i : i + len(phrase)]
            if tuple(keys[n] for n in chosen) == phrase:
                found.setdefault(chosen[0], chosen[-1])
    return found


def highlight(text, query, apart=False):
    """Return text, escaped, with what matched query in <mark>.

    A phrase is marked whole ("<mark>Định Công</mark>"), a word alone only when
    it is a phrase of its own or the entry holds the words apart.
    """
    parts, keys = _word_tokens(text)
    spans = _phrase_spans(keys, query)
    alone = set(query.words) if apart else {p[0] for p in query.phrases if len(p) == 1}
    out, n = [], 0
    while n < len(parts):
        if n in spans:
            end = spans[n]
            out.append(f"<mark>{escape(''.join(parts[n : end + 1]))}</mark>")
            n = end + 1
            continue
        if keys[n] and keys[n] in alone:
            out.append(f"<mark>{escape(parts[n])}</mark>")
        else:
            out.append(escape(parts[n]))
        n += 1
    return mark_safe("".join(out))  # noqa: S308 - every part is escaped above


def snippet(text, query, apart=False, width=36):
    """Return about width words of text around the first match, highlighted.

    The first match is where a phrase is, else the first word of the query.
    """
    tokens = nfc(text or "").split()
    folded = [_token_words(token) for token in tokens]
    flat = [(n, word) for n, found in enumerate(folded) for word in found]
    keys = [word for _, word in flat]
    first = None
    for phrase in query.phrases:
        if len(phrase) > 1:
            starts = [
                flat[i][0]
                for i in range(len(keys) - len(phrase) + 1)
                if tuple(keys[i : i + len(phrase)]) == phrase
            ]
            if starts and (first is None or starts[0] < first):
                first = starts[0]
    if first is None:
        wanted = set(query.words)
        first = next((n for n, word in flat if word in wanted), 0)
    start = max(0, first - width // 3)
    chosen = " ".join(tokens[start : start + width])
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(tokens) else ""
    return mark_safe(  # noqa: S308 - highlight() escapes
        escape(prefix) + highlight(chosen, query, apart) + escape(suffix)
    )
