# shipguard-test: no-findings
from django.core.files.storage import default_storage
from django.http import JsonResponse

from .models import Import


def upload_import(request):
    upload = request.FILES["file"]
    path = default_storage.save(f"imports/{upload.name}", upload)
    Import.objects.create(owner=request.user, source=upload, path=path)
    return JsonResponse({"path": path})
