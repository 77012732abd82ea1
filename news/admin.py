from django.contrib import admin
from django.utils.html import format_html

from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "title",
        "category",
        "status",
        "published_at",
        "is_featured",
        "view_count",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["status", "category", "is_featured"]
    list_select_related = ["category"]
    search_fields = ["title", "sapo"]
    date_hierarchy = "published_at"
    readonly_fields = ["view_count", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "sapo", "body"]}),
        ("Ảnh đại diện", {"fields": ["cover", "cover_alt"]}),
        (
            "Xuất bản",
            {"fields": ["status", "published_at", "is_featured", "author"]},
        ),
        ("Thông tin", {"fields": ["view_count", "created_at", "updated_at"]}),
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
