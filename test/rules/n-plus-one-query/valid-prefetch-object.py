# shipguard-test: no-findings
from django.db.models import Prefetch
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from .models import Document, Page


class DocumentPages(ListAPIView):
    def get_queryset(self):
        return Document.objects.select_related("author__profile").prefetch_related(
            Prefetch("pages", queryset=Page.objects.order_by("number")),
        )

    def list(self, request, *args, **kwargs):
        rows = []
        for doc in self.get_queryset():
            rows.append({
                "author": doc.author.name,
                "bio": doc.author.profile.bio,
                "pages": [p.number for p in doc.pages.all()],
            })
        return Response(rows)
