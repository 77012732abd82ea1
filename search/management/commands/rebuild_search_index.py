from django.core.management.base import BaseCommand

from search import index as search


class Command(BaseCommand):
    help = "Rebuild the search index of articles, reports, campaigns and documents."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã lập chỉ mục tìm kiếm: {search.rebuild()} mục.")
