# shipguard-test: no-findings
import hmac
import os

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .models import Reading


@csrf_exempt
def ingest(request):
    # devices send an API key; no browser session is involved
    key = request.headers.get("X-Api-Key", "")
    if not hmac.compare_digest(key, os.environ["DEVICE_API_KEY"]):
        return JsonResponse({"error": "forbidden"}, status=403)
    Reading.objects.create(value=request.POST["value"])
    return JsonResponse({"ok": True}, status=201)


@csrf_exempt
def export(request):
    if request.META.get("HTTP_AUTHORIZATION") != f"Bearer {os.environ['EXPORT_TOKEN']}":
        return JsonResponse({"error": "unauthorized"}, status=401)
    return JsonResponse({"rows": list(Reading.objects.values())})
