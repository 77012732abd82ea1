"""The body editor shows the text as readers will see it, in Debian's chromium.

Headings, paragraphs, lists, quotes and tables of one article, measured in the
admin's editor (static/css/editor.css) and on the public page (the .prose rules of
static/css/site.css): the same sizes, weights, fonts, colours, borders and bullets.
"""

import pytest
from django.utils import timezone

from news.models import Article, Category
from portal.tests.screens import keep
from publishing.workflow import APPROVER_GROUP

from .test_newsroom_browser import contexts, log_in  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "<h2>Kết quả ra quân</h2><p>Các phường đồng loạt ra quân.</p>"
    "<h3>Theo từng phường</h3><h4>Phường Mai Động</h4>"
    "<ul><li>Tổ dân phố số 1</li><li>Tổ dân phố số 2</li></ul>"
    "<ol><li>Dọn ngõ</li><li>Trồng cây</li></ol>"
    "<blockquote><p>Mỗi người dân là một chiến sĩ.</p></blockquote>"
    '<figure class="table"><table><thead><tr><th>Phường</th><th>Số người</th></tr>'
    "</thead><tbody><tr><td>Mai Động</td><td>120</td></tr></tbody></table></figure>"
)
TEXT = [
    "fontFamily",
    "fontSize",
    "fontWeight",
    "fontStyle",
    "lineHeight",
    "color",
    "textTransform",
    "letterSpacing",
]
BOX = ["borderLeftWidth", "borderLeftStyle", "borderLeftColor", "backgroundColor"]
PARTS = {
    "h2": TEXT,
    "h3": TEXT,
    "h4": TEXT,
    "p": TEXT,
    "ul > li": [*TEXT, "listStyleType"],
    "ol > li": [*TEXT, "listStyleType"],
    "blockquote": [*BOX, "paddingLeft", "paddingTop", "fontStyle"],
    "table": ["fontSize", "borderCollapse"],
    "th": [*TEXT, *BOX, "borderTopWidth", "paddingTop", "paddingLeft", "textAlign"],
    "td": [*TEXT, *BOX, "borderTopWidth", "paddingTop", "paddingLeft", "textAlign"],
}
MEASURE = """([root, parts]) => {
    const box = document.querySelector(root);
    const seen = {};
    for (const [selector, names] of Object.entries(parts)) {
        const style = getComputedStyle(box.querySelector(selector));
        seen[selector] = Object.fromEntries(names.map(name => [name, style[name]]));
    }
    return seen;
}"""


def test_the_editor_styles_the_body_as_the_public_page_does(
    contexts,  # noqa: F811 (the fixture imported above)
    live_server,
    make_staff,
):
    category = Category.objects.create(name="Tin tức – Sự kiện", order=1)
    article = Article.objects.create(
        title="Ra quân tổng vệ sinh",
        category=category,
        sapo="Tóm tắt.",
        body=BODY,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    make_staff("duyetbai", APPROVER_GROUP)
    base = live_server.url

    reader = contexts(viewport={"width": 1366, "height": 900})
    reader.goto(base + article.get_absolute_url())
    public = reader.evaluate(MEASURE, [".prose", PARTS])
    reader.locator(".prose").scroll_into_view_if_needed()
    keep(reader, "editor-styles-public")

    approver = log_in(contexts, base, "duyetbai", 1366)
    approver.goto(base + f"/admin/news/article/{article.pk}/change/")
    approver.wait_for_selector(".ck-editor__editable figure.table td")
    editor = approver.evaluate(MEASURE, [".ck-editor__editable_inline", PARTS])
    approver.locator(".ck-editor__editable_inline").scroll_into_view_if_needed()
    keep(approver, "editor-styles-admin")

    assert editor == public
    assert public["h2"]["fontSize"] == "22px"
    assert public["ul > li"]["listStyleType"] == "disc"
