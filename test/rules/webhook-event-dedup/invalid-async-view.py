import stripe
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .tasks import provision_workspace


@csrf_exempt
async def stripe_webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.headers.get("Stripe-Signature", ""), settings.STRIPE_WEBHOOK_SECRET, tolerance=600)  # expect: webhook-event-dedup
    except ValueError:
        return HttpResponse(status=400)
    except stripe.error.SignatureVerificationError:
        return HttpResponse(status=400)
    match event.type:
        case "customer.subscription.created":
            subscription = event.data.object
            await provision_workspace(subscription.customer, plan=subscription.plan.nickname)
    return HttpResponse(status=200)
