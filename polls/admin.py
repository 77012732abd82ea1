import csv
import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from openpyxl import Workbook

from publishing.admin import PublishableAdmin, SuperuserRecordsAdmin, VersionedForm
from publishing.exports import csv_response, escape_cell, xlsx_response
from publishing.workflow import can_publish

from .models import Choice, Poll, Vote
from .services import percentages, poll_close
from .views import results


class ChoiceForm(forms.ModelForm):
    def clean(self):
        """Refuse to delete a choice that has votes: they would go with it."""
        cleaned = super().clean()
        deleting = cleaned.get("DELETE") and self.instance.pk
        votes = self.instance.votes.count() if deleting else 0
        if votes:
            # Not deleting: the admin's own check of protected rows, which lists
            # every vote, has nothing left to say.
            cleaned["DELETE"] = False
            raise ValidationError(
                f"Phương án “{self.instance}” đã có {votes} phiếu nên không xóa được: "
                "xóa nó sẽ xóa cả các phiếu đó."
            )
        return cleaned


class ChoiceInline(admin.TabularInline):
    model = Choice
    form = ChoiceForm
    extra = 0
    fields = ["text", "order", "votes_count"]
    readonly_fields = ["votes_count"]


class PollAdminForm(VersionedForm):
    class Meta:
        model = Poll
        fields = [
            "question",
            "slug",
            "description",
            "opens_at",
            "closes_at",
            "active",
            "results",
            "status",
            "published_at",
        ]


@admin.register(Poll)
class PollAdmin(PublishableAdmin):
    form = PollAdminForm
    inlines = [ChoiceInline]
    list_display = [
        "question",
        "status_shown",
        "active",
        "opens_at",
        "closes_at",
        "total",
    ]
    list_filter = ["status", "active"]
    search_fields = ["question"]
    readonly_fields = ["result_chart", "downloads"]
    actions = [*PublishableAdmin.actions, "close"]
    fieldsets = [
        (None, {"fields": ["question", "slug", "description"]}),
        (
            "Thời gian và hiển thị",
            {"fields": ["opens_at", "closes_at", "active", "results"]},
        ),
        ("Xuất bản", {"fields": ["status", "published_at", "loaded_version"]}),
        ("Kết quả", {"fields": ["result_chart", "downloads"]}),
    ]

    def parts_locked(self, request, obj):
        # Voters chose by these labels: only an approver may change them.
        return super().parts_locked(request, obj) or (
            obj is not None
            and obj.pk is not None
            and not can_publish(request.user, Poll)
            and obj.votes.exists()
        )

    @admin.display(description="số phiếu")
    def total(self, obj):
        return obj.total_votes()

    @admin.display(description="biểu đồ kết quả")
    def result_chart(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return render_to_string(
            "includes/bar_chart.html", {"chart": results(obj)["chart"]}
        )

    @admin.display(description="tải kết quả")
    def downloads(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("admin:polls_poll_export", args=[obj.pk, "csv"])
        xlsx = reverse("admin:polls_poll_export", args=[obj.pk, "xlsx"])
        return format_html(
            'Tổng số phiếu và số phiếu theo ngày: <a href="{}">CSV</a> · '
            '<a href="{}">XLSX</a>',
            url,
            xlsx,
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/ket-qua.<str:fmt>",
                self.admin_site.admin_view(self.export_view),
                name="polls_poll_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, pk, fmt):
        """Download the totals per choice and the votes per day."""
        poll = get_object_or_404(Poll, pk=pk)
        if not self.has_view_permission(request, poll) or fmt not in {"csv", "xlsx"}:
            return HttpResponse(status=404)
        choices = list(poll.choices.all())
        shares = percentages([c.votes_count for c in choices])
        totals = [["Phương án", "Số phiếu", "Tỷ lệ (%)"]] + [
            [c.text, c.votes_count, share]
            for c, share in zip(choices, shares, strict=True)
        ]
        per_day = [["Ngày", "Số phiếu"]] + [
            [row["day"].strftime("%d/%m/%Y"), row["votes"]]
            for row in Vote.objects.filter(poll=poll)
            .annotate(day=TruncDate("created_at"))
            .values("day")
            .annotate(votes=Count("pk"))
            .order_by("day")
        ]
        name = f"binh-chon-{poll.slug[:60]}.{fmt}"
        if fmt == "csv":
            buffer = io.StringIO()
            csv.writer(buffer).writerows(_escaped(totals) + [[]] + per_day)
            return csv_response(buffer.getvalue(), name)
        book = Workbook()
        book.active.title = "Tong hop"
        for row in _escaped(totals):
            book.active.append(row)
        sheet = book.create_sheet("Theo ngay")
        for row in per_day:
            sheet.append(row)
        return xlsx_response(book, name)

    @admin.action(description="Đóng bình chọn ngay", permissions=["publish"])
    def close(self, request, queryset):
        polls = list(queryset)
        # A poll already closed keeps the time it closed at.
        still_open = [poll for poll in polls if not poll.is_closed]
        for poll in still_open:
            poll_close(poll)
        if still_open:
            self.message_user(
                request,
                f"Đã đóng {len(still_open)} cuộc bình chọn và xóa mã băm địa chỉ mạng.",
                messages.SUCCESS,
            )
        if len(polls) > len(still_open):
            self.message_user(
                request,
                f"Giữ nguyên {len(polls) - len(still_open)} cuộc bình chọn đã đóng "
                "từ trước.",
                messages.INFO,
            )


def _escaped(rows):
    return [[escape_cell(cell) for cell in row] for row in rows]


@admin.register(Vote)
class VoteAdmin(SuperuserRecordsAdmin):
    """Individual votes, with voter keys and address hashes: superusers only."""

    list_display = ["poll", "choice", "created_at", "voter_key", "address_hash"]
    list_filter = ["poll"]
    list_select_related = ["poll", "choice"]
