# shipguard-test: no-findings
import piexif
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def upload_avatar(request):
    upload = request.FILES["avatar"]
    data = upload.read()
    clean = ContentFile(piexif.remove(data, None) or data)
    default_storage.save("avatars/me.jpg", clean)
    return None
