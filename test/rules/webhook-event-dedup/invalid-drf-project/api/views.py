import stripe
from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from .services import activate_plan


class StripeWebhookView(APIView):
    authentication_classes = []
    permission_classes = []

    def post(self, request):
        try:
            event = stripe.Webhook.construct_event(  # expect: webhook-event-dedup
                request.body, request.META.get("HTTP_STRIPE_SIGNATURE"), settings.STRIPE_WEBHOOK_SECRET
            )
        except (ValueError, stripe.error.SignatureVerificationError):
            return Response({"detail": _("Invalid signature")}, status=status.HTTP_400_BAD_REQUEST)
        if event.type == "customer.subscription.created":
            activate_plan(event.data.object.customer, event.data.object.plan.id)
        return Response(status=status.HTTP_200_OK)
