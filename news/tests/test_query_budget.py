import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import Category

pytestmark = pytest.mark.django_db

# What every page shares, when it is not in the cache: the navigation's categories
# and standing pages (2) and the side column (4: weather, the current poll, its
# choices, the most read). Then the page's own content: the home page's featured
# articles, its categories and the latest of each; a category, its count and its
# page of articles; the news list's count and page; an article, its related
# articles, its reports.
SHARED = 6
OWN = {"home": 2, "category": 3, "article": 3, "news_list": 2}
# Once shared fragments are in the cache, pages read only their own content; the
# home page's blocks are shared too, and so are the latest articles of a category
# that an article page lists under it.
WARM = {"home": 0, "category": 3, "article": 2, "news_list": 2}


def queries_for(client, url):
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


def cold_and_warm(client, url):
    cache.clear()
    return queries_for(client, url), queries_for(client, url)


@pytest.mark.parametrize("page", sorted(OWN))
def test_page_queries_are_fixed_and_do_not_grow_with_articles(
    client, settings, make_article, category, open_poll, page
):
    settings.PAGE_CACHE_SECONDS = 0  # measure the page as built, not as served
    second = Category.objects.create(name="Bầu cử", order=2)
    articles = [
        make_article(with_cover=True, is_featured=True, category=second),
        *[make_article() for _ in range(4)],
    ]
    url = urls(articles[-1])[page]
    with_five = cold_and_warm(client, url)
    for n in range(45):
        make_article(is_featured=n % 3 == 0, category=second if n % 2 else category)
    with_fifty = cold_and_warm(client, url)
    # The home page reads the latest articles of each of its 2 categories.
    cold = SHARED + OWN[page] + (2 if page == "home" else 0)
    assert with_five == with_fifty == (cold, WARM[page])
