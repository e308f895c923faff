# shipguard-test: no-findings
from django.core.files.storage import default_storage
from django.http import JsonResponse

from .images import make_thumbnail


def upload_photo(request):
    photo = make_thumbnail(request.FILES["photo"])
    path = default_storage.save("photos/me.jpg", photo)
    return JsonResponse({"path": path})
