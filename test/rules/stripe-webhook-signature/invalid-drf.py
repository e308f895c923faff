import stripe as s
from rest_framework.response import Response
from rest_framework.views import APIView

from billing.models import Subscription


class StripeWebhookView(APIView):
    authentication_classes = []
    permission_classes = []

    def post(self, request, *args, **kwargs):
        event = request.data  # expect: stripe-webhook-signature
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
        event = s.Event.construct_from(request.data, s.api_key)  # expect: stripe-webhook-signature
        handler = HANDLERS.get(event.type)
        if handler:
            handler(event.data.object)
        return Response({"ok": True})
