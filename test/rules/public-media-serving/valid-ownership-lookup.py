# shipguard-test: no-findings
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from .models import Document


def download(request, pk):
    doc = get_object_or_404(Document, pk=pk, owner=request.user)
    return FileResponse(doc.file.open("rb"))


def public_brochure(request):
    return FileResponse(open("static/brochure.pdf", "rb"))
