# shipguard-test: no-findings
from celery import shared_task

from .models import Document


@shared_task
def flag_long_documents():
    # a filtered related manager is a query of its own either way: no prefetch serves it
    for doc in Document.objects.filter(published=True):
        if doc.pages.filter(number__gt=100).exists():
            doc.title = doc.title + " (long)"
            doc.save(update_fields=["title"])
        last = doc.pages.all().order_by("-number").first()
        doc.tags.all().delete()
        print(last)
