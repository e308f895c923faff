# shipguard-test: no-findings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import JsonResponse
from PIL import Image


def thumbnail(request):
    image = Image.open(request.FILES["image"])
    image.thumbnail((128, 128))
    image.save("/tmp/thumb.png")
    name = default_storage.save("thumbs/thumb.png", request.FILES["image"])
    cache.delete("thumbs")
    request.session.save()
    seen = set()
    seen.update({name})
    return JsonResponse({"name": name})
