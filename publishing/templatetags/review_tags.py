"""The admin index's queue of what waits for approval, kept out of the public tags."""

from django import template
from django.db.models import Count, Q

from ..admin import ReviewQueueFilter
from ..models import Publishable, Status
from ..workflow import can_publish

register = template.Library()


@register.inclusion_tag("admin/publishing/review_queue.html", takes_context=True)
def review_queue(context):
    """Render, on the admin index, what waits for this approver, linked to lists.

    Found in the index's app_list (what the user may see), every publishable
    model the user may publish: its items sent for review and its live items
    with a proposed change. Editors, who cannot act on them, see nothing.
    """
    user = context["request"].user
    rows = []
    for app in context.get("app_list", []):
        for entry in app["models"]:
            model = entry["model"]
            if not (
                issubclass(model, Publishable)
                and entry.get("admin_url")
                and can_publish(user, model)
            ):
                continue
            counts = model._default_manager.aggregate(
                submitted=Count("pk", filter=Q(status=Status.REVIEW)),
                changed=Count("pk", filter=Q(pending_changes__isnull=False)),
            )
            url = f"{entry['admin_url']}?{ReviewQueueFilter.parameter_name}="
            rows.append(
                {
                    "name": entry["name"],
                    "submitted": counts["submitted"],
                    "submitted_url": url + ReviewQueueFilter.SUBMITTED,
                    "changed": counts["changed"],
                    "changed_url": url + ReviewQueueFilter.CHANGED,
                }
            )
    waiting = sum(row["submitted"] + row["changed"] for row in rows)
    return {"rows": rows, "waiting": waiting}
