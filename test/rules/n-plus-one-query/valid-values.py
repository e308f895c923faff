# shipguard-test: no-findings
import csv

from django.http import HttpResponse

from .models import Document


def export(request):
    response = HttpResponse(content_type="text/csv")
    writer = csv.writer(response)
    for row in Document.objects.values("title", "author__name"):
        writer.writerow([row["title"], row["author__name"]])
    titles = [t for t in Document.objects.values_list("title", flat=True)]
    writer.writerow(titles)
    return response
