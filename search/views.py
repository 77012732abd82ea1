from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from publishing import params
from publishing.methods import safe
from publishing.text import nfc

from . import index
from .models import SearchEntry

SEARCH_PAGE_SIZE = 10


@safe
@params.reads("q", "loai", "tu", "den", "sap-xep", "page")
def search_page(request):
    """Search published content, with or without diacritics."""
    query = nfc(params.get(request, "q").strip())
    notices = []
    if len(query) > index.MAX_QUERY_LENGTH:
        notices.append(
            f"Từ khóa quá dài: chỉ dùng {index.MAX_QUERY_LENGTH} ký tự đầu tiên."
        )
        query = query[: index.MAX_QUERY_LENGTH]
    parsed = index.parse_query(query)
    kind = params.get(request, "loai")
    if kind not in SearchEntry.Kind.values:
        kind = ""
    dates = {}
    for name in ("tu", "den"):
        value = params.get(request, name)
        dates[name] = params.day(value)
        if value and dates[name] is None:
            notices.append(f"Ngày “{value[:20]}” không hợp lệ nên được bỏ qua.")
    newest = params.get(request, "sap-xep") == "moi-nhat"
    page_obj, together, apart = None, [], []
    if parsed:
        entries = index.search(parsed, kind, dates["tu"], dates["den"], newest)
        # A page number out of range shows the last page, a bad one the first.
        wanted = params.number(params.get(request, "page"))
        page_obj = Paginator(entries, SEARCH_PAGE_SIZE).get_page(wanted or 1)
        for entry in page_obj:
            entry.title_html = index.highlight(entry.title, parsed, entry.apart)
            entry.snippet_html = index.snippet(
                entry.text, parsed, entry.apart, entry.figures
            )
            (apart if entry.apart else together).append(entry)
    elif query:
        notices.append("Từ khóa cần có ít nhất một chữ hoặc số.")
    kept = {"q": query, "loai": kind, "sap-xep": "moi-nhat" if newest else ""}
    kept.update({k: v.isoformat() for k, v in dates.items() if v})
    response = render(
        request,
        "search/search.html",
        {
            "query": query,
            "parsed": parsed,
            "kind": kind,
            "kinds": SearchEntry.Kind.choices,
            "dates": dates,
            "newest": newest,
            "notices": notices,
            "page_obj": page_obj,
            # The entries holding the query as a phrase, then those holding its
            # words apart, under a note saying so.
            "together": together,
            "apart": apart,
            "page_query": urlencode({k: v for k, v in kept.items() if v}) + "&",
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
