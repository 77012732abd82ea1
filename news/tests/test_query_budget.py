import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Category

pytestmark = pytest.mark.django_db

# Queries per page: the navigation and the side column (weather, the poll with its
# choices, the most-read list) in one (portal/frame.py), then the page's own
# content: an article, its related articles and the campaign reports citing it.
# The home page reads the featured articles and the latest of every category,
# one UNION ALL whatever the number of categories.
BUDGETS = {"home": 2, "category": 4, "article": 2, "news_list": 3}


def queries_for(client, url):
    cache.clear()  # measure the page as built, not as served from the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def urls(article):
    return {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "news_list": "/tin-tuc/",
    }


@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_page_queries_are_fixed_and_do_not_grow_with_articles(
    client, make_article, category, open_poll, page
):
    second = Category.objects.create(name="Bầu cử", order=2)
    articles = [
        make_article(with_cover=True, is_featured=True, category=second),
        *[make_article() for _ in range(4)],
    ]
    queries_for(client, urls(articles[-1])[page])  # prepares its statements
    with_five = queries_for(client, urls(articles[-1])[page])
    for n in range(45):
        make_article(is_featured=n % 3 == 0, category=second if n % 2 else category)
    with_fifty = queries_for(client, urls(articles[-1])[page])
    assert with_five == with_fifty == BUDGETS[page]
