from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import JsonResponse


@login_required
def upload_avatar(request):
    upload = request.FILES["avatar"]
    path = default_storage.save(f"avatars/{request.user.pk}.jpg", upload)  # expect: image-metadata-not-stripped
    return JsonResponse({"path": path})
