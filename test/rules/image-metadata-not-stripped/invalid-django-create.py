from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Photo


@require_POST
def add_photo(request, album_id):
    Photo.objects.create(album_id=album_id, image=request.FILES["image"], owner=request.user)  # expect: image-metadata-not-stripped
    return JsonResponse({"ok": True}, status=201)
