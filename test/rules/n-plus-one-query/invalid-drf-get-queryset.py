from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Document
from .serializers import DocumentSerializer


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentSerializer

    def get_queryset(self):
        return Document.objects.filter(author__name=self.request.user.username)

    @action(detail=False)
    def summary(self, request):
        data = [
            {"id": d.pk, "title": d.title, "reviewer": d.reviewer.name if d.reviewer_id else None}  # expect: n-plus-one-query
            for d in self.get_queryset()
        ]
        return Response(data)
