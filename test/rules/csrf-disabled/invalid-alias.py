import hashlib
import hmac
import json
import os

from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt as no_csrf


@no_csrf
def github_webhook(request):
    signature = request.headers.get("X-Hub-Signature-256", "")
    digest = hmac.new(os.environ["GITHUB_WEBHOOK_SECRET"].encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, f"sha256={digest}"):
        return HttpResponseForbidden()
    json.loads(request.body)
    return HttpResponse(status=204)


@no_csrf  # expect: csrf-disabled
def delete_account(request):
    request.user.delete()
    return HttpResponse(status=204)
