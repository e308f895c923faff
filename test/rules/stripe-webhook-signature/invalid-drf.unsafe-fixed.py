import os

import stripe as s
from rest_framework.response import Response
from rest_framework.views import APIView

from billing.models import Subscription


class StripeWebhookView(APIView):
    authentication_classes = []
    permission_classes = []

    def post(self, request, *args, **kwargs):
        payload = request.body
        sig_header = request.META.get("HTTP_STRIPE_SIGNATURE", "")
        try:
            event = s.Webhook.construct_event(payload, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])  # expect: stripe-webhook-signature
        except (ValueError, s.error.SignatureVerificationError):
            return Response(status=400)
        match event["type"]:
            case "customer.subscription.updated" | "customer.subscription.created":
                Subscription.objects.filter(stripe_id=event["data"]["object"]["id"]).update(active=True)
            case "customer.subscription.deleted":
                Subscription.objects.filter(stripe_id=event["data"]["object"]["id"]).update(active=False)
        return Response(status=200)


HANDLERS = {
    "invoice.paid": lambda obj: None,
    "invoice.payment_failed": lambda obj: None,
}


class InvoiceWebhookView(APIView):
    def post(self, request):
        payload = request.body
        sig_header = request.META.get("HTTP_STRIPE_SIGNATURE", "")
        try:
            event = s.Webhook.construct_event(payload, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])  # expect: stripe-webhook-signature
        except (ValueError, s.error.SignatureVerificationError):
            return Response(status=400)
        handler = HANDLERS.get(event.type)
        if handler:
            handler(event.data.object)
        return Response({"ok": True})
