# shipguard-test: no-findings
from django.core.files.storage import default_storage


def upload_avatar(request):
    upload = request.FILES["avatar"]
    return default_storage.save("avatars/me.jpg", upload)
