"""The production static storage gives the manifest's URLs, remembered."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

from portal.storage import StaticStorage


def test_urls_are_the_manifests_and_remembered(static_root):
    storage = StaticStorage(location=str(static_root), base_url="/static/")
    plain = CompressedManifestStaticFilesStorage(
        location=str(static_root), base_url="/static/"
    )
    for name in ["css/site.css", "img/emblem.png", "js/poll.js"]:
        url = storage.url(name)
        assert url == plain.url(name)
        assert url != f"/static/{name}"  # the hashed name, for long caching
        assert storage._urls[name] == url
        assert storage.url(name) is url
