"""Search over published articles, reports, campaigns and documents.

Every item has one SearchEntry, refreshed by signals when it is saved; whether
readers may find it comes from its model's own QuerySet (readable()). A report's
entry holds a line per ward with its figures ("Giáp Bát: 99,47% cử tri đã bỏ
phiếu"), so that a ward's name finds them. Text is matched on folded words (no
diacritics, lower case, Đ and Ð -> d, numbers without their separators) and
shown in its original Vietnamese, with what matched highlighted.

The words of a query are a phrase: entries holding it come first, then those
holding its words apart ("xác định … công tác" for "Định Công"); a phrase in
quotes finds the phrase only (Query). A query typed with diacritics puts the
entries holding its words with those diacritics first, and finds its words apart
only with them ("Trần Phú" is not "trân trọng … phù hợp").
"""

import functools
import html
import itertools
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
# The words of a text with their diacritics: letters and digits.
_ACCENTED = re.compile(r"[^\W_]+")
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})
# Tags that stand between words; the others (bold, a link…) sit inside a sentence,
# and a space before them would leave one before the punctuation after them.
_INLINE_TAG = re.compile(r"<(?!/?(?:a|b|em|i|s|span|strong|sub|sup|u)\b)", re.I)


def words(text):
    """Return the folded lower-case words of text: "Đảng bộ" -> ["dang", "bo"].

    Numbers lose their separators, so that "292.145" and "292145" are one word.
    """
    return _WORDS.findall(plain_numbers(fold(text or "")).lower())


def words_key(text):
    """Return text's folded words between spaces, for exact word matching."""
    return _padded(words(text))


def accented_words(text):
    """Return the lower-case words of text with their diacritics (NFC).

    "Đảng bộ" -> ["đảng", "bộ"]; numbers lose their separators, Ð is Đ, as in
    words().
    """
    text = plain_numbers(nfc(text or "").translate(_ETH))
    return _ACCENTED.findall(nfc(text.lower()))


def accent_key(text):
    """Return text's words with their diacritics between spaces."""
    return _padded(accented_words(text))


def _padded(found):
    return f" {' '.join(found)} " if found else ""


def plain_text(body):
    """Return the text of an HTML body, tags removed and entities decoded.

    A tag between blocks ("</p><p>", "<br>") parts words; one inside a sentence
    does not, nor does it put a space before the next mark: "<b>99,47%</b>. Khi"
    is "99,47%. Khi".
    """
    text = nh3.clean(_INLINE_TAG.sub(" <", body or ""), tags=set())
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


def ward_lines(report, wards=None):
    """Return the report's line per ward with figures, as its page's table has them."""
    from campaigns.figures import FigureTable
    from campaigns.models import Ward

    table = FigureTable(
        list(report.campaign.indicators.all()),
        report.figures.all(),
        Ward.objects.all() if wards is None else wards,
    )
    return table.ward_lines()


def entry_fields(obj, public, wards=None):
    """Return the SearchEntry fields of a searchable item; public: see readable().

    wards: the wards, read once for many reports.
    """
    from campaigns.models import Campaign, Document, Report
    from news.models import Article

    figures = ""
    if isinstance(obj, Article):
        kind, title = SearchEntry.Kind.ARTICLE, obj.title
        text = f"{obj.sapo} {plain_text(obj.body)}"
        published_at = obj.published_at
    elif isinstance(obj, Report):
        kind, title = SearchEntry.Kind.REPORT, obj.title
        text = f"{obj.summary} {plain_text(obj.body)}"
        published_at = obj.published_at
        if obj.pk is not None:
            figures = "\n".join(ward_lines(obj, wards))
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
    title = title[:400]
    return {
        "kind": kind,
        "object_id": obj.pk,
        "title": title,
        "text": text,
        "figures": figures,
        "title_key": words_key(title),
        "body_key": words_key(text),
        "figures_key": words_key(figures),
        "title_accent_key": accent_key(title),
        "body_accent_key": accent_key(text),
        "figures_accent_key": accent_key(figures),
        "url": obj.get_absolute_url(),
        "published_at": published_at,
        "public": public,
    }


def entries(objects):
    """Return new SearchEntry rows for saved objects of one model, in one query."""
    if not objects:
        return []
    from campaigns.models import Report, Ward

    ids = [obj.pk for obj in objects]
    public = set(
        readable(type(objects[0])).filter(pk__in=ids).values_list("pk", flat=True)
    )
    wards = list(Ward.objects.all()) if isinstance(objects[0], Report) else None
    return [
        SearchEntry(**entry_fields(obj, obj.pk in public, wards)) for obj in objects
    ]


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
        Report.objects.select_related("campaign").prefetch_related(
            "figures", "campaign__indicators"
        ),
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

    Typed with diacritics (any of its words), accented holds the same phrases
    with the words as typed, lower case: "Trần Phú" -> (("trần", "phú"),). The
    entries holding them so come first, and the words apart must be held so;
    typed without, accented is empty and diacritics do not matter.
    """

    phrases: tuple[tuple[str, ...], ...]
    exact: bool = False
    accented: tuple[tuple[str, ...], ...] = ()

    def __bool__(self):
        return bool(self.phrases)

    @property
    def words(self):
        """Return the distinct words of every phrase, in order."""
        return _distinct(self.phrases)

    @property
    def accented_words(self):
        """Return the distinct words of every phrase as typed, in order."""
        return _distinct(self.accented)

    @property
    def apart(self):
        """Whether entries holding the words apart are found too (after the rest)."""
        return not self.exact and any(len(phrase) > 1 for phrase in self.phrases)


def _distinct(phrases):
    return tuple(dict.fromkeys(word for phrase in phrases for word in phrase))


def _word_pairs(text):
    """Return (folded word, word as typed) of each word of text.

    Where the two do not pair up, word for word (a letter fold() leaves, such as
    a Cyrillic one, is no folded word), each word as typed is None.
    """
    folded, typed = words(text), accented_words(text)
    if len(folded) != len(typed) or any(
        words(word) != [key] for key, word in zip(folded, typed, strict=True)
    ):
        return [(key, None) for key in folded]
    return list(zip(folded, typed, strict=True))


def parse_query(text):
    """Return the Query of what a reader typed, at most MAX_TERMS words.

    '"Định Công" vệ sinh' -> Query((("dinh", "cong"), ("ve",), ("sinh",)), exact,
    accented=(("định", "công"), ("vệ",), ("sinh",)))
    An opening quote left unclosed quotes the rest.
    """
    parts, budget = [], MAX_TERMS
    for part in _QUOTES.split(text[:MAX_QUERY_LENGTH]):
        found = [(key[:50], word and word[:50]) for key, word in _word_pairs(part)]
        found = found[:budget]
        budget -= len(found)
        parts.append(found)
    if not any(parts[1::2]):
        # No quotes: the words, in order, are one phrase.
        phrases = [[pair for found in parts for pair in found]]
        exact = False
    else:
        phrases = []
        for n, found in enumerate(parts):
            phrases += [found] if n % 2 else [[pair] for pair in found]
        exact = True
    phrases = [phrase for phrase in phrases if phrase]
    folded = tuple(dict.fromkeys(tuple(key for key, _ in p) for p in phrases))
    typed = tuple(dict.fromkeys(tuple(word for _, word in p) for p in phrases))
    pairs = [pair for phrase in phrases for pair in phrase]
    if any(word is None for _, word in pairs) or all(k == w for k, w in pairs):
        typed = ()  # typed without diacritics, or words that do not pair up
    return Query(folded, exact=exact and bool(folded), accented=typed)


MAX_COUNT = 1000


def search(query, kind=None, date_from=None, date_to=None, newest=False):
    """Return the visible entries matching query, best first, for a Paginator.

    Best first means: entries holding the query's words with the diacritics it
    was typed with (if any), then the others; in each, those holding every
    phrase of the query in their title, then in title or text, then in a
    report's ward figures; each group newest first; then (unless the query is
    exact) those holding the words apart. "newest" sorts each of the two
    groups (phrase, apart) by date alone.
    """
    entries = SearchEntry.objects.published()
    if kind:
        entries = entries.filter(kind=kind)
    if date_from:
        entries = entries.filter(published_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(published_at__date__lte=date_to)
    keys = [*_KEYS.values(), *_ACCENT_KEYS.values()]
    return Results(entries.defer(*keys), query, newest)


def _order():
    return [F("published_at").desc(nulls_last=True), "-pk"]


# The parts of an entry: its title (A), its text (B), a report's ward figures
# (C): the weights PostgreSQL's tsvectors give them, and SQLite's keys, folded
# and with diacritics.
_KEYS = {"A": "title_key", "B": "body_key", "C": "figures_key"}
_ACCENT_KEYS = {
    "A": "title_accent_key",
    "B": "body_accent_key",
    "C": "figures_accent_key",
}


def _holding(phrases, parts="ABC", accented=False):
    """A filter: every phrase is in one of the entry's parts (see _KEYS).

    accented: the phrases are words with their diacritics, looked for so.

    The same on both databases: a phrase is found within the title, within the
    text or within the figures, never across two. SQLite looks for the words
    between spaces in the keys; PostgreSQL asks the tsvector columns of portal's
    migration 0004 and search's 0004 (a phrase must be all A, all B or all C). A
    tsvector keeps the first 256 places of a word only: a phrase after the 256th
    use of one of its words in a text is missed there.
    """
    if connection.vendor != "postgresql":
        keys = _ACCENT_KEYS if accented else _KEYS
        condition = Q()
        for phrase in phrases:
            padded = f" {' '.join(phrase)} "
            found = Q()
            for part in parts:
                found |= Q(**{f"{keys[part]}__contains": padded})
            condition &= found
        return condition
    if parts == "A" and not accented:
        column = "title_vector"
        tsquery = " & ".join(f"({' <-> '.join(phrase)})" for phrase in phrases)
    else:
        column = "accent_vector" if accented else "document_vector"
        tsquery = " & ".join(
            "(" + " | ".join(_weighted(phrase, weight) for weight in parts) + ")"
            for phrase in phrases
        )
    # The words are letters and digits (words(), accented_words()), joined by
    # operators only; the whole is a parameter.
    return RawSQL(  # noqa: S611 - column is one of three names, tsquery a parameter
        f"{column} @@ to_tsquery('simple', %s)", [tsquery], output_field=BooleanField()
    )


def _weighted(phrase, weight):
    return "(" + " <-> ".join(f"{word}:{weight}" for word in phrase) + ")"


class Results:
    """The entries of a search, group by group, sliced and counted the cheap way.

    The groups, best first: holding the words as typed (for a query typed with
    diacritics), then not; in each, the phrase in the title, in the text, in a
    report's ward figures only; then the words apart.

    The count comes first: the ids of the entries holding the phrase, up to
    MAX_COUNT + 1 of them. No more than MAX_COUNT, and a page reads them by id,
    in the groups' order (unless "newest"), newest first. (PostgreSQL's
    estimates cannot tell that a phrase of common words is rare; asked for a
    page of them newest first, it would walk the whole date index looking for
    them.) More, and the page reads the phrase's groups one after another, each
    newest first, each one query that stops after the page: PostgreSQL walks the
    date index for them. The entries holding the words apart come last, counted
    when the phrase's are, and not read when the count found none.
    """

    def __init__(self, entries, query, newest=False):
        holding = _holding(query.phrases)
        self.entries = entries
        self.phrase = entries.filter(holding)
        # Every phrase in the title is every phrase held, so the title group
        # needs only this condition, and PostgreSQL estimates it alone.
        self.in_title = _holding(query.phrases, "A")
        self.in_text = _holding(query.phrases, "AB")
        # The same, as typed: each within the next, within the phrase held.
        self.as_typed = []
        if query.accented:
            self.as_typed = [
                _holding(query.accented, parts, accented=True)
                for parts in ("A", "AB", "ABC")
            ]
        self.newest = newest
        self.apart = None
        if query.apart:
            if query.accented:
                each = [(word,) for word in query.accented_words]
            else:
                each = [(word,) for word in query.words]
            each_word = _holding(each, accented=bool(query.accented))
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
        ranks = [*self.as_typed, self.in_title, self.in_text]
        rows = rows.annotate(
            **{
                f"rank_{n}": ExpressionWrapper(rank, output_field=BooleanField())
                for n, rank in enumerate(ranks)
            }
        )
        return rows.order_by(*[f"-rank_{n}" for n in range(len(ranks))], *_order())

    def groups(self):
        """Return (ordered queryset, holds the words apart) of each group.

        What a page reads when the phrase is held by more than MAX_COUNT entries.
        """
        if self.newest:
            phrase = [self.phrase]
        else:
            # Each group needs one condition (and those of the groups before
            # excluded), which PostgreSQL estimates alone.
            phrase, entries, held = [], self.entries, self.phrase
            if self.as_typed:
                title, text, anywhere = self.as_typed
                phrase = [
                    entries.filter(title),
                    entries.filter(text).exclude(title),
                    entries.filter(anywhere).exclude(text),
                ]
                entries, held = entries.exclude(anywhere), held.exclude(anywhere)
            phrase += [
                entries.filter(self.in_title),
                entries.filter(self.in_text).exclude(self.in_title),
                held.exclude(self.in_text),
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


@functools.lru_cache(maxsize=20000)
def _token_accents(token):
    """Return accented_words(token) as a tuple, remembered (see _token_words)."""
    return tuple(accented_words(token))


def _word_tokens(text):
    """Split text (NFC) into parts; odd parts are words.

    Return the parts, the folded key of each word and its key with diacritics.
    """
    parts = _TOKENS.split(nfc(text or ""))
    keys, accents = [], []
    for n, part in enumerate(parts):
        keys.append("".join(_token_words(part)) if n % 2 else None)
        accents.append("".join(_token_accents(part)) if n % 2 else None)
    return parts, keys, accents


def _phrase_spans(keys, phrases):
    """Return {first part index: last part index} of every phrase found in keys."""
    found = {}
    word_parts = [n for n, key in enumerate(keys) if key]
    for phrase in phrases:
        if len(phrase) < 2:
            continue
        for i in range(len(word_parts) - len(phrase) + 1):
            chosen = word_parts[i : i + len(phrase)]
            if tuple(keys[n] for n in chosen) == phrase:
                found.setdefault(chosen[0], chosen[-1])
    return found


def _marked(query, keys, accents, apart):
    """Return (keys, phrases) to mark: with diacritics, or folded.

    A query typed with diacritics marks its words as typed where the text holds
    them so (always for words apart, which were found so); else, and for a query
    typed without, the folded words.
    """
    if query.accented:
        held = set(accents)
        if apart or _phrase_spans(accents, query.accented):
            return accents, query.accented
        if any(len(p) == 1 and p[0] in held for p in query.accented):
            return accents, query.accented
    return keys, query.phrases


def highlight(text, query, apart=False):
    """Return text, escaped, with what matched query in <mark>.

    A phrase is marked whole ("<mark>Định Công</mark>"), a word alone only when
    it is a phrase of its own or the entry holds the words apart.
    """
    parts, keys, accents = _word_tokens(text)
    keys, phrases = _marked(query, keys, accents, apart)
    spans = _phrase_spans(keys, phrases)
    alone = (
        {w for p in phrases for w in p}
        if apart
        else {p[0] for p in phrases if len(p) == 1}
    )
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


def _first_match(tokens, words_of, phrases, whole):
    """Return the index of the token where a phrase (whole) or a word first is."""
    flat = [(n, word) for n, token in enumerate(tokens) for word in words_of(token)]
    keys = [word for _, word in flat]
    if whole:
        return min(
            (
                flat[i][0]
                for phrase in phrases
                if len(phrase) > 1
                for i in range(len(keys) - len(phrase) + 1)
                if tuple(keys[i : i + len(phrase)]) == phrase
            ),
            default=None,
        )
    wanted = {word for phrase in phrases for word in phrase}
    return next((n for n, word in flat if word in wanted), None)


def snippet(text, query, apart=False, figures="", width=36):
    """Return about width words of text around the first match, highlighted.

    The first match is where a phrase is, else the first word of the query; as
    typed before folded, for a query typed with diacritics. It is looked for in
    the text, then in the lines of a report's ward figures: found in a line, the
    snippet is that line ("Giáp Bát: 99,47% cử tri đã bỏ phiếu").
    """
    sources = [nfc(line).split() for line in [text or "", *figures.splitlines()]]
    ways = []
    if query.accented:
        ways.append((_token_accents, query.accented))
    if not (apart and query.accented):  # words apart were found as typed
        ways.append((_token_words, query.phrases))
    source, first = 0, 0
    for whole, (words_of, phrases) in itertools.product((True, False), ways):
        found = [_first_match(t, words_of, phrases, whole) for t in sources]
        source = next((n for n, at in enumerate(found) if at is not None), None)
        if source is not None:
            first = found[source]
            break
    else:
        source = 0
    tokens = sources[source]
    start = max(0, first - width // 3)
    if source and len(tokens) <= width:
        start = 0  # a ward's line, whole
    chosen = " ".join(tokens[start : start + width])
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(tokens) else ""
    return mark_safe(  # noqa: S308 - highlight() escapes
        escape(prefix) + highlight(chosen, query, apart) + escape(suffix)
    )
