# shipguard-test: no-findings
import logging

import structlog
from celery import shared_task
from celery.utils.log import get_task_logger
from django.contrib.auth import authenticate, login
from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework.views import APIView

logger = logging.getLogger(__name__)
log = structlog.get_logger()
task_logger = get_task_logger(__name__)


def mask_email(email):
    name, _, domain = email.partition("@")
    return f"{name[:1]}***@{domain}"


def login_view(request):
    username = request.POST.get("username", "")
    password = request.POST.get("password", "")
    user = authenticate(request, username=username, password=password)
    if user is None:
        logger.warning("Failed login for %s from %s", mask_email(username), request.META.get("REMOTE_ADDR"))
        return JsonResponse({"error": "invalid credentials"}, status=401)
    login(request, user)
    logger.info("User %s logged in via %s", user.pk, request.path)
    return JsonResponse({"ok": True})


class PasswordResetView(APIView):
    def post(self, request):
        email = request.data.get("email", "")
        logger.info("Password reset requested for %s (fields: %s)", mask_email(email), list(request.data.keys()))
        log.info("password_reset.requested", user_id=request.user.pk, path=request.path, has_token="token" in request.data)
        return Response(status=202)


class ApiKeyView(APIView):
    def post(self, request):
        key = request.user.api_keys.create(name=request.data["name"])
        logger.info("API key %s (%s) created for user %s", key.pk, key.name, request.user.pk)
        logger.debug("Request headers present: %s", sorted(request.headers.keys()))
        return Response({"id": key.pk, "prefix": key.prefix}, status=201)


@shared_task(bind=True)
def rotate_tokens(self, user_ids):
    rotated = [uid for uid in user_ids if uid]
    task_logger.info("Rotated %d tokens for %d users", len(rotated), len(user_ids))
    task_logger.info("Task %s done, token_count=%s", self.request.id, len(rotated))


def webhook(request):
    signature = request.headers.get("Stripe-Signature", "")
    logger.info("Webhook %s received, signature present: %s, length %d", request.path, bool(signature), len(signature))
    logger.info("Auth scheme %s", request.headers.get("Authorization", "").split(" ")[0] if request.headers.get("Authorization") else None)
    return JsonResponse({"received": True})
