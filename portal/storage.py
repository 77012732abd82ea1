"""The production static files storage, remembering each file's URL.

Every page links its stylesheet, icons and scripts. The manifest storage looks
each name up in the manifest and joins it to STATIC_URL, about 9 µs a link; the
manifest does not change while the process runs (collectstatic writes a new one
for the next start), so the answer is kept.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url

    def post_process(self, *args, **kwargs):
        # collectstatic makes new hashed names: forget the ones given before.
        self._urls.clear()
        yield from super().post_process(*args, **kwargs)
        self._urls.clear()
