# shipguard-test: no-findings
import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import View

from .models import WebhookEventTrigger

logger = logging.getLogger(__name__)


@method_decorator(csrf_exempt, name="dispatch")
class ProcessWebhookView(View):
    def post(self, request, uuid):
        if "stripe-signature" not in request.headers:
            logger.error("HTTP_STRIPE_SIGNATURE is missing")
            return HttpResponseBadRequest()
        trigger = WebhookEventTrigger.from_request(request)
        if not trigger.valid:
            return HttpResponseBadRequest()
        return HttpResponse(str(trigger.id))
