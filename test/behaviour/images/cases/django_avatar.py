from django.core.files.storage import default_storage
from django.http import JsonResponse


def upload_avatar(request):
    upload = request.FILES["avatar"]
    path = default_storage.save(f"avatars/{upload.name}", upload)
    return JsonResponse({"path": path}, status=201)
