"""client_reference_id names the payer in some apps and the purchase in others (StripeClient)."""
import json

from django.http import JsonResponse
from stripe import StripeClient

client = StripeClient("sk_test_placeholder")


def gold_checkout(request):
    user = request.user
    price = json.loads(request.body).get("priceId")
    session = client.checkout.sessions.create(  # expect: stripe-idempotency-key
        params={
            "client_reference_id": user.username,
            "line_items": [{"price": price, "quantity": 1}],
            "mode": "subscription",
        }
    )
    return JsonResponse({"session_id": session.id})


def basket_checkout(request, basket):
    session = client.checkout.sessions.create(  # expect: stripe-idempotency-key
        params={
            "client_reference_id": str(basket.pk),
            "line_items": basket.line_items(),
            "mode": "payment",
        }
    )
    return JsonResponse({"session_id": session.id})
