"""The same library reached through aliases and from-imports (Flask app)."""
import stripe as s
from flask import Flask, jsonify, request
from stripe import PaymentIntent, Refund, checkout
from stripe.checkout import Session as CheckoutSession

app = Flask(__name__)
pay = s.PaymentLink


@app.post("/carts/<int:cart_id>/checkout")
def cart_checkout(cart_id):
    session = checkout.Session.create(mode="payment", line_items=request.json["items"], client_reference_id=str(cart_id), idempotency_key=f"checkout-session-{cart_id}")  # expect: stripe-idempotency-key
    return jsonify(url=session.url)


@app.post("/reservations/<int:reservation_id>/deposit")
def reservation_deposit(reservation_id):
    intent = PaymentIntent.create(amount=5000, currency="usd", metadata={"reservation_id": reservation_id}, idempotency_key=f"payment-intent-{reservation_id}")  # expect: stripe-idempotency-key
    return jsonify(client_secret=intent.client_secret)


def refund_ticket(ticket):
    app.logger.info("refunding ticket %s", ticket.pk)
    Refund.create(payment_intent=ticket.payment_intent_id, idempotency_key=f"refund-{ticket.pk}")  # expect: stripe-idempotency-key


def topup_balance(amount):
    return s.Topup.create(amount=amount, currency="usd")  # expect: stripe-idempotency-key


def quick_session(order):
    return CheckoutSession.create(mode="setup", success_url=f"/orders/{order.id}")  # expect: stripe-idempotency-key


def payment_link(price_id):
    return pay.create(line_items=[{"price": price_id, "quantity": 1}])  # expect: stripe-idempotency-key


def batch_refunds(order, items):
    for item in items:
        s.Refund.create(payment_intent=order.payment_intent_id, amount=item.amount)  # expect: stripe-idempotency-key
    s.ApplicationFee.create_refund(order.fee_id)  # expect: stripe-idempotency-key
