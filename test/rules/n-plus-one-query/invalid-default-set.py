from django.core.management.base import BaseCommand

from docs.models import Document


class Command(BaseCommand):
    help = "Print how many comments each published document has"

    def handle(self, *args, **options):
        for document in Document.objects.filter(published=True):
            self.stdout.write(f"{document.title}: {document.comment_set.count()}")  # expect: n-plus-one-query
