# shipguard-test: no-findings
import os

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse


@login_required
def download_invoice(request, filename):
    path = os.path.join(settings.MEDIA_ROOT, "invoices", filename)
    return FileResponse(open(path, "rb"), as_attachment=True)
