import stripe
from django.conf import settings
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from credits.services import grant_credits


@method_decorator(csrf_exempt, name="dispatch")
class StripeWebhook(View):
    def post(self, request):
        try:
            evt = stripe.Webhook.construct_event(  # expect: webhook-event-dedup
                payload=request.body,
                sig_header=request.META["HTTP_STRIPE_SIGNATURE"],
                secret=settings.STRIPE_WEBHOOK_SECRET,
            )
        except (KeyError, ValueError, stripe.error.SignatureVerificationError):
            return HttpResponse(status=400)
        if evt["type"] in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
            grant_credits(user_id=evt["data"]["object"]["client_reference_id"], amount=evt["data"]["object"]["amount_total"])
        return HttpResponse()
