from django.core.files.storage import default_storage
from django.http import FileResponse
from django.views.decorators.http import require_GET


@require_GET
def attachment(request):
    """Stream an attachment from storage."""
    name = request.GET["name"]
    fh = default_storage.open(name)
    return FileResponse(fh)  # expect: public-media-serving
