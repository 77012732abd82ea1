"""What Django's admin writes in English whatever the language, in Vietnamese.

The admin gives its yes/no icons the alt text "True", "False" and "None", and on
a delete confirmation names a row of a many-to-many link table "Article_reports
object (18)". install(), run once when the foundation app is ready, gives the
icons Vietnamese alt texts and the link tables the names of the rows they link.
"""

from django.apps import apps
from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html

ICONS = {True: ("yes", "Có"), False: ("no", "Không"), None: ("unknown", "Chưa rõ")}


def boolean_icon(value):
    """Return the admin's icon for a yes/no value, its alt text in Vietnamese."""
    icon, text = ICONS[value]
    url = static(f"admin/img/icon-{icon}.svg")
    return format_html('<img src="{}" alt="{}">', url, text)


def name_link_tables():
    """Name each auto-created many-to-many table, and its rows, by what they link."""
    for model in apps.get_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            name = (
                f"liên kết {model._meta.verbose_name} – "
                f"{field.related_model._meta.verbose_name}"
            )
            through._meta.verbose_name = through._meta.verbose_name_plural = name
            through.__str__ = _link_str(
                field.m2m_field_name(), field.m2m_reverse_field_name()
            )


def _link_str(source, target):
    def __str__(row):
        return f"{getattr(row, source)} – {getattr(row, target)}"

    return __str__


def install():
    # The admin reads the icon through this module's attribute at each call.
    admin_list._boolean_icon = boolean_icon
    name_link_tables()
