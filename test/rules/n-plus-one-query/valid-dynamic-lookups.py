# shipguard-test: no-findings
from rest_framework import viewsets
from rest_framework.response import Response

from .models import Document

RELATED = ("pages", "tags")


class DocumentViewSet(viewsets.ViewSet):
    def list(self, request):
        qs = Document.objects.prefetch_related(*RELATED).select_related()
        return Response([{"n": d.pages.count(), "author": d.author.name, "tags": [t.label for t in d.tags.all()]} for d in qs])
