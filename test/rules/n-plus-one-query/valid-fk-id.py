# shipguard-test: no-findings
from django.core.management.base import BaseCommand

from docs.models import Document


class Command(BaseCommand):
    def handle(self, *args, **options):
        for doc in Document.objects.all():
            self.stdout.write(f"{doc.pk} {doc.title} {doc.summary} author={doc.author_id} reviewer={doc.reviewer_id}")
