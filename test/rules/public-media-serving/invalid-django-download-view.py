import os

from django.conf import settings
from django.http import FileResponse


def download_invoice(request, filename):
    path = os.path.join(settings.MEDIA_ROOT, "invoices", filename)
    return FileResponse(open(path, "rb"), as_attachment=True)  # expect: public-media-serving
