from django.contrib import admin, messages
from django.urls import reverse
from import_export import fields
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget

from publishing.admin import (
    CoverForm,
    PublishableAdmin,
    PublishingResourceMixin,
)
from publishing.editor import BodyEditor
from publishing.exports import AllOrNothingImport, PortalResource, text_key
from publishing.text import fold
from publishing.workflow import can_publish

from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class CategoryWidget(ForeignKeyWidget):
    """A category by its name, as exported, or by its slug (đường dẫn)."""

    def __init__(self):
        super().__init__(Category)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            raise ValueError("Chưa ghi chuyên mục.")
        found = list(Category.objects.filter(slug=text)) or [
            category
            for category in Category.objects.all()
            if text_key(category.name) == text_key(text)
        ]
        if len(found) > 1:
            raise ValueError(
                f"Có {len(found)} chuyên mục tên “{text}”: hãy ghi đường dẫn của "
                "chuyên mục muốn chọn."
            )
        if not found:
            raise ValueError(
                f"Không có chuyên mục “{text}”: hãy ghi tên hoặc đường dẫn của một "
                "chuyên mục có sẵn."
            )
        return found[0]

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class ArticleResource(PublishingResourceMixin, PortalResource):
    category = fields.Field(
        attribute="category", column_name="Chuyên mục", widget=CategoryWidget()
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


class ArticleAdminForm(CoverForm):
    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "campaign",
            "reports",
            "sapo",
            "body",
            "cover",
            "cover_alt",
            "status",
            "published_at",
            "is_featured",
            "author",
        ]
        widgets = {"body": BodyEditor()}
        help_texts = {
            "is_featured": "Tin nổi bật mới nhất có ảnh đại diện là tin chính, ô lớn "
            "đầu trang chủ; tin nổi bật không có ảnh chỉ hiện dạng chữ bên cạnh."
        }


@admin.register(Article)
class ArticleAdmin(AllOrNothingImport, ImportExportModelAdmin, PublishableAdmin):
    form = ArticleAdminForm
    resource_classes = [ArticleResource]
    list_display = [
        "title",
        "category",
        "status_shown",
        "published_at",
        "is_featured",
        "view_count",
    ]
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
    actions = [*PublishableAdmin.actions, "feature", "unfeature"]
    autocomplete_fields = ["campaign", "reports"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "category",
                    "campaign",
                    "reports",
                    "sapo",
                    "body",
                ]
            },
        ),
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

    def view_on_site(self, obj):
        return reverse("article_preview", args=[obj.pk])

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if can_publish(request.user, Article):
            self.warn_without_cover(request, Article.objects.filter(pk=obj.pk))

    def warn_without_cover(self, request, articles):
        """Tell the approver which of articles are featured but cannot lead."""
        coverless = articles.filter(is_featured=True).exclude(
            pk__in=Article.objects.with_cover()
        )
        for title in coverless.values_list("title", flat=True):
            self.message_user(
                request,
                f"“{title}” là tin nổi bật nhưng chưa có ảnh đại diện: trang chủ "
                "không lấy bài này làm tin chính (ô lớn đầu trang), chỉ hiện dạng chữ "
                "trong các tin nổi bật khác. Hãy thêm ảnh đại diện nếu muốn bài lên "
                "tin chính.",
                messages.WARNING,
            )

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term).lower())

    @admin.action(description="Đưa vào tin nổi bật", permissions=["publish"])
    def feature(self, request, queryset):
        def feature(article):
            if article.is_featured:
                return False
            article.is_featured = True
            return True

        self.apply_to_each(
            request, queryset, feature, "đưa vào tin nổi bật", "đã là tin nổi bật"
        )
        self.warn_without_cover(request, queryset)

    @admin.action(description="Bỏ khỏi tin nổi bật", permissions=["publish"])
    def unfeature(self, request, queryset):
        def unfeature(article):
            if not article.is_featured:
                return False
            article.is_featured = False
            return True

        self.apply_to_each(
            request,
            queryset,
            unfeature,
            "bỏ khỏi tin nổi bật",
            "không phải tin nổi bật",
        )
