"""The newsroom's roles as groups, present on every database after migrate."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.utils import translation

from .workflow import APPROVER_GROUP, EDITOR_GROUP

EDITOR_PERMISSIONS = [
    "news.add_article",
    "news.change_article",
    "news.view_article",
    "news.view_category",
    "pages.view_page",
    "campaigns.view_campaign",
    "campaigns.view_indicator",
    "campaigns.view_ward",
    "campaigns.add_report",
    "campaigns.change_report",
    "campaigns.view_report",
    "campaigns.add_figure",
    "campaigns.change_figure",
    "campaigns.delete_figure",
    "campaigns.view_figure",
    "campaigns.add_document",
    "campaigns.change_document",
    "campaigns.view_document",
    "polls.add_poll",
    "polls.change_poll",
    "polls.view_poll",
    "polls.add_choice",
    "polls.change_choice",
    "polls.delete_choice",
    "polls.view_choice",
]
APPROVER_PERMISSIONS = EDITOR_PERMISSIONS + [
    "news.publish_article",
    "news.delete_article",
    "news.add_category",
    "news.change_category",
    "pages.add_page",
    "pages.change_page",
    "campaigns.publish_report",
    "campaigns.delete_report",
    "campaigns.publish_document",
    "campaigns.delete_document",
    "campaigns.add_campaign",
    "campaigns.change_campaign",
    "campaigns.add_indicator",
    "campaigns.change_indicator",
    "campaigns.delete_indicator",
    "polls.publish_poll",
    "polls.delete_poll",
]
ROLES = {EDITOR_GROUP: EDITOR_PERMISSIONS, APPROVER_GROUP: APPROVER_PERMISSIONS}


ACTIONS = {"add": "thêm", "change": "sửa", "delete": "xóa", "view": "xem"}


def ensure_roles(using="default", apps=global_apps, **kwargs):
    """Create the role groups and give them exactly their permissions."""
    # post_migrate reaches this app before later apps have their permissions.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    _name_permissions_in_vietnamese(Permission, using)
    for name, codes in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            wanted += Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename=codename
            )
        group.permissions.set(wanted)


def _name_permissions_in_vietnamese(Permission, using):
    """Rename Django's "Can add …" permissions, which it creates in English."""
    with translation.override("vi"):
        for model in global_apps.get_models():
            opts = model._meta
            for action, verb in ACTIONS.items():
                Permission.objects.using(using).filter(
                    content_type__app_label=opts.app_label,
                    codename=f"{action}_{opts.model_name}",
                ).update(name=f"Được {verb} {opts.verbose_name}"[:255])
