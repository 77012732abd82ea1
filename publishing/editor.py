"""The body editor (CKEditor 5) as the newsroom uses it."""

from django_ckeditor_5.widgets import CKEditor5Widget


class BodyEditor(CKEditor5Widget):
    """CKEditor 5 with the newsroom's words for some of its buttons.

    static/js/editor_words.js amends the Vietnamese dictionary the package's
    translation file registers, so it has to run after that file and before the
    editor starts (on DOMContentLoaded): Media keeps the three in this order.
    """

    def __init__(self, config_name="default", **kwargs):
        super().__init__(config_name=config_name, **kwargs)

    class Media:
        js = [
            "django_ckeditor_5/dist/bundle.js",
            "django_ckeditor_5/dist/translations/vi.js",
            "js/editor_words.js",
        ]
