import stripe as stripe_sdk
from django.conf import settings
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from orders.models import Order


class StripeWebhookView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    def post(self, request, *args, **kwargs):
        signature = request.META.get("HTTP_STRIPE_SIGNATURE")
        try:
            event = stripe_sdk.Webhook.construct_event(request.body, signature, settings.STRIPE_ENDPOINT_SECRET)  # expect: webhook-event-dedup
        except (ValueError, stripe_sdk.error.SignatureVerificationError):
            return Response(status=status.HTTP_400_BAD_REQUEST)

        if event.type == "payment_intent.succeeded":
            intent = event.data.object
            order = Order.objects.get(payment_intent_id=intent.id)
            order.mark_paid(amount=intent.amount_received)
        return Response(status=status.HTTP_200_OK)
