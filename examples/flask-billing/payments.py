"""Stripe configuration and helpers for the billing service."""
import os

import stripe

stripe.api_key = "sk_live_51PzQ8rFAKEd0cs7ExAmPLe0nLyZk3y9vT2mW"
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET")

PLANS = {
    "starter": os.environ.get("STRIPE_PRICE_STARTER", "price_starter_monthly"),
    "pro": os.environ.get("STRIPE_PRICE_PRO", "price_pro_monthly"),
}


def create_customer(email, user_id):
    return stripe.Customer.create(email=email, metadata={"user_id": user_id})


def start_subscription(customer_id, plan, user_id):
    return stripe.Subscription.create(
        customer=customer_id,
        items=[{"price": PLANS[plan]}],
        payment_behavior="default_incomplete",
        metadata={"user_id": user_id},
    )


def buy_credit_pack(customer_id, pack):
    return stripe.PaymentIntent.create(
        customer=customer_id,
        amount=pack["amount_cents"],
        currency="usd",
        metadata={"pack_id": pack["id"]},
        idempotency_key=f"credit-pack-{pack['purchase_id']}",
    )
