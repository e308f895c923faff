import boto3
from django.db import transaction
from django.http import HttpResponseRedirect
from django.views import View

from .models import Document, DocumentVersion

s3 = boto3.client("s3")


class UploadDocumentView(View):
    @transaction.atomic
    def post(self, request):  # expect: multi-write-without-transaction
        upload = request.FILES["file"]
        document = Document.objects.create(owner=request.user, name=upload.name)
        key = f"documents/{document.pk}/{upload.name}"
        transaction.on_commit(lambda: s3.upload_fileobj(upload, "docs-bucket", key))
        DocumentVersion.objects.create(document=document, key=key, size=upload.size)
        return HttpResponseRedirect(f"/documents/{document.pk}/")
