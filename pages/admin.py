from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from publishing.editor import BodyEditor
from publishing.pictures import check_descriptions

from .models import Page


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "body", "published"]
        widgets = {"body": BodyEditor()}

    def clean(self):
        cleaned = super().clean()
        if "body" in cleaned:
            before = Page.objects.filter(pk=self.instance.pk).first()
            after = Page(body=cleaned["body"], published=cleaned.get("published"))
            try:
                check_descriptions(before, after, sent_out=lambda page: page.published)
            except ValidationError as error:
                self.add_error("body", error)
        return cleaned


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "published", "updated_at"]
    list_filter = ["published"]
    search_fields = ["title"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for note in getattr(obj, "body_notes", []):
            self.message_user(request, note, "warning")

    def view_on_site(self, obj):
        # A draft answers 404 to everyone: no "Xem trên trang" for it.
        if Page.objects.published().filter(pk=obj.pk).exists():
            return obj.get_absolute_url()
        return None
