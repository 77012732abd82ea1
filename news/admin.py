from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django_ckeditor_5.widgets import CKEditor5Widget
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget
from simple_history.admin import SimpleHistoryAdmin

from portal.exports import FORMATS
from portal.text import fold
from portal.uploads import ImageRejected, clean_image
from portal.workflow import apply_pending, can_publish, check_publishing, save_as

from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class CategoryWidget(ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Category.DoesNotExist as error:
            raise ValueError(f"Không có chuyên mục có đường dẫn “{value}”.") from error


class ArticleResource(resources.ModelResource):
    category = fields.Field(
        attribute="category",
        column_name="category",
        widget=CategoryWidget(Category, field="slug"),
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "slug",
            "category",
            "sapo",
            "body",
            "author",
            "status",
            "published_at",
            "is_featured",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True

    def before_save_instance(self, instance, row, **kwargs):
        """Refuse a row that publishes, withdraws or schedules without the right."""
        user = kwargs.get("user")
        before = Article.objects.filter(pk=instance.pk).first() if instance.pk else None
        try:
            if user is None:
                raise PermissionDenied("Không rõ người nhập dữ liệu.")
            check_publishing(user, before, instance)
        except PermissionDenied as error:
            raise ValidationError(str(error)) from error
        instance._change_reason = "Nhập dữ liệu từ tệp"


class ArticleAdminForm(forms.ModelForm):
    # A plain file field: clean_image() decides what is an image, with its messages.
    cover = forms.FileField(
        label="Ảnh đại diện",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
        help_text="Ảnh JPEG, PNG, WebP hoặc GIF, tối đa 10 MB và 40 megapixel.",
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "sapo",
            "body",
            "cover",
            "cover_alt",
            "status",
            "published_at",
            "is_featured",
            "author",
        ]
        widgets = {"body": CKEditor5Widget(config_name="default")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self._current_version()

    def _current_version(self):
        return (
            Article.objects.filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )

    def clean_cover(self):
        cover = self.cleaned_data.get("cover")
        if cover and hasattr(cover, "content_type"):  # a new upload
            try:
                return clean_image(cover, cover.name)
            except ImageRejected as error:
                raise ValidationError(str(error)) from error
        return cover

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            loaded = cleaned.get("loaded_version")
            if loaded is None or loaded != self._current_version():
                raise ValidationError(self._stale_message())
        return cleaned

    def _stale_message(self):
        last = Article.history.filter(id=self.instance.pk).order_by("-history_date")
        last = last.select_related("history_user").first()
        who = f" bởi {last.history_user}" if last and last.history_user else ""
        when = (
            f" lúc {timezone.localtime(last.history_date):%H:%M %d/%m/%Y}"
            if last
            else ""
        )
        return (
            f"Bài viết đã được sửa{who}{when}, sau khi bạn mở trang này. Thay đổi "
            "của bạn chưa được lưu: hãy mở lại bài viết để xem bản mới nhất rồi "
            "sửa tiếp."
        )


@admin.register(Article)
class ArticleAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    resource_classes = [ArticleResource]
    import_formats = export_formats = FORMATS
    # Excel shows Vietnamese in a CSV file only when it starts with a byte-order mark.
    to_encoding = "utf-8-sig"
    list_display = [
        "thumbnail",
        "title",
        "category",
        "status",
        "published_at",
        "is_featured",
        "has_pending_changes",
        "view_count",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = [
        "status",
        "category",
        "is_featured",
        ("published_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["category"]
    search_fields = ["search_text"]
    search_help_text = "Tìm theo tiêu đề hoặc sapo, gõ có dấu hay không dấu đều được."
    date_hierarchy = "published_at"
    readonly_fields = ["view_count", "created_at", "updated_at"]
    actions = [
        "publish_now",
        "unpublish",
        "feature",
        "unfeature",
        "accept_pending",
        "reject_pending",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "sapo", "body"]}),
        ("Ảnh đại diện", {"fields": ["cover", "cover_alt"]}),
        (
            "Xuất bản",
            {"fields": ["status", "published_at", "is_featured", "author"]},
        ),
        (
            "Thông tin",
            {"fields": ["view_count", "created_at", "updated_at", "loaded_version"]},
        ),
    ]

    @admin.display(description="ảnh")
    def thumbnail(self, obj):
        card = obj.cover_card
        if not card:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy">',
            card["url"],
            round(80 * card["height"] / card["width"]),
        )

    @admin.display(description="chờ duyệt", boolean=True)
    def has_pending_changes(self, obj):
        return bool(obj.pending_changes)

    def view_on_site(self, obj):
        return reverse("article_preview", args=[obj.pk])

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term).lower())

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user, Article):
            readonly += ["published_at", "is_featured"]
            if obj is not None and obj.status not in _DRAFT_STATUSES:
                readonly += ["status", "slug"]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        status = form.base_fields.get("status")
        if status is not None and not can_publish(request.user, Article):
            status.choices = [
                choice for choice in status.choices if choice[0] in _DRAFT_STATUSES
            ]
        return form

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        return apply_pending(article) if article is not None else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if request.method == "GET" and article is not None and article.pending_changes:
            author = article.pending_by or "biên tập viên"
            when = timezone.localtime(article.pending_at)
            self.message_user(
                request,
                f"Bài viết có thay đổi chờ duyệt do {author} gửi lúc "
                f"{when:%H:%M %d/%m/%Y}. "
                "Trang này hiển thị bản có các thay đổi đó; bạn đọc vẫn thấy bản đã "
                "duyệt cho đến khi người duyệt bài lưu lại.",
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not save_as(request.user, obj, accept_pending=True):
            self.message_user(
                request,
                "Thay đổi đã được lưu và đang chờ người duyệt bài chấp nhận; bạn đọc "
                "vẫn thấy bản đã duyệt.",
                messages.WARNING,
            )
        for note in getattr(obj, "body_notes", []):
            self.message_user(request, note, messages.WARNING)

    def get_import_data_kwargs(self, **kwargs):
        # A confirmed import with one bad row saves nothing, like the preview.
        return {
            **super().get_import_data_kwargs(**kwargs),
            "rollback_on_validation_errors": True,
        }

    def has_publish_permission(self, request):
        return can_publish(request.user, Article)

    def _bulk(self, request, queryset, change, done):
        count = 0
        for article in queryset:
            change(article)
            save_as(request.user, article)
            count += 1
        self.message_user(request, f"Đã {done} {count} bài viết.", messages.SUCCESS)

    @admin.action(description="Xuất bản ngay", permissions=["publish"])
    def publish_now(self, request, queryset):
        def publish(article):
            article.status = Article.Status.PUBLISHED
            article.published_at = timezone.now()

        self._bulk(request, queryset, publish, "xuất bản")

    @admin.action(description="Gỡ bài (ngừng xuất bản)", permissions=["publish"])
    def unpublish(self, request, queryset):
        def withdraw(article):
            article.status = Article.Status.WITHDRAWN

        self._bulk(request, queryset, withdraw, "gỡ")

    @admin.action(description="Đưa vào tin nổi bật", permissions=["publish"])
    def feature(self, request, queryset):
        def feature(article):
            article.is_featured = True

        self._bulk(request, queryset, feature, "đưa vào tin nổi bật")

    @admin.action(description="Bỏ khỏi tin nổi bật", permissions=["publish"])
    def unfeature(self, request, queryset):
        def unfeature(article):
            article.is_featured = False

        self._bulk(request, queryset, unfeature, "bỏ khỏi tin nổi bật")

    @admin.action(description="Chấp nhận thay đổi chờ duyệt", permissions=["publish"])
    def accept_pending(self, request, queryset):
        def accept(article):
            apply_pending(article)
            article.pending_changes = article.pending_by = article.pending_at = None

        queryset = queryset.filter(pending_changes__isnull=False)
        self._bulk(request, queryset, accept, "chấp nhận thay đổi của")

    @admin.action(description="Từ chối thay đổi chờ duyệt", permissions=["publish"])
    def reject_pending(self, request, queryset):
        def reject(article):
            article.pending_changes = article.pending_by = article.pending_at = None

        queryset = queryset.filter(pending_changes__isnull=False)
        self._bulk(request, queryset, reject, "từ chối thay đổi của")


_DRAFT_STATUSES = {Article.Status.DRAFT, Article.Status.REVIEW}
