"""Payments for the ticket shop: Django views, a DRF view and Celery tasks."""
import logging

import stripe
from celery import shared_task
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Booking, Order, Payout

logger = logging.getLogger(__name__)
stripe.api_key = settings.STRIPE_SECRET_KEY


def create_checkout_session(request, order_id):
    order = get_object_or_404(Order, id=order_id, user=request.user)
    session = stripe.checkout.Session.create(  # expect: stripe-idempotency-key
        payment_method_types=['card'],
        line_items=[{'price': order.price_id, 'quantity': order.quantity}],
        mode='payment',
        success_url=settings.SITE_URL + '/paid',
        cancel_url=settings.SITE_URL + '/cart',
        idempotency_key=f'checkout-session-{order_id}',
    )
    return redirect(session.url)


@api_view(['POST'])
def pay_booking(request, pk):
    booking = Booking.objects.get(pk=pk)
    intent = stripe.PaymentIntent.create(amount=booking.total_cents, currency='eur', metadata={'booking_id': booking.pk}, idempotency_key=f'payment-intent-{booking.pk}')  # expect: stripe-idempotency-key
    booking.payment_intent_id = intent.id
    booking.save()
    return Response({'client_secret': intent.client_secret})


def capture_order(order):
    logger.info('capturing order %s', order.id)
    return stripe.PaymentIntent.capture(order.payment_intent_id, idempotency_key=f'payment-intent-capture-{order.payment_intent_id}')  # expect: stripe-idempotency-key


@shared_task(bind=True, max_retries=5)
def refund_order(self, order_id, amount_cents):
    try:
        stripe.Refund.create(  # expect: stripe-idempotency-key
            payment_intent=Order.objects.get(id=order_id).payment_intent_id,
            amount=amount_cents,
            idempotency_key=f'refund-{order_id}'
        )
    except stripe.error.APIConnectionError as exc:
        raise self.retry(exc=exc, countdown=30)


@shared_task
def pay_out_sellers():
    for payout in Payout.objects.filter(status='pending'):
        stripe.Transfer.create(amount=payout.amount_cents, currency='eur', destination=payout.account_id, idempotency_key=f'transfer-{payout.id}')  # expect: stripe-idempotency-key
        payout.status = 'sent'
        payout.save(update_fields=['status'])


def charge_saved_card(customer_id, amount_cents):
    return stripe.PaymentIntent.create(  # expect: stripe-idempotency-key
        amount=amount_cents,
        currency='eur',
        customer=customer_id,
        off_session=True,
        confirm=True,
    )


def create_customer(user):
    customer = stripe.Customer.create(email=user.email, metadata={'user_id': user.id}, idempotency_key=f'customer-{user.id}')  # expect: stripe-idempotency-key
    user.profile.stripe_customer_id = customer.id
    user.profile.save()
    return customer


def pay_invoice(invoice):
    stripe.Invoice.finalize_invoice(invoice.stripe_id, idempotency_key=f'invoice-finalize-{invoice.stripe_id}')  # expect: stripe-idempotency-key
    return stripe.Invoice.pay(invoice.stripe_id)  # expect: stripe-idempotency-key


def start_subscription(request):
    subscription = stripe.Subscription.create(customer=request.user.profile.stripe_customer_id, items=[{'price': settings.PRO_PRICE}])  # expect: stripe-idempotency-key
    return JsonResponse({'id': subscription.id})


def confirm_retrieved(order):
    intent = stripe.PaymentIntent.retrieve(order.payment_intent_id)
    return intent.confirm(
        payment_method=order.payment_method_id, idempotency_key=f'payment-intent-confirm-{intent.id}-{order.payment_method_id}'
    )  # expect: stripe-idempotency-key


def authorize_deposit(api_key, booking, customer=None, email=None):
    extra = {"metadata": {"booking_id": str(booking.id)}}
    if customer:
        extra["customer"] = customer
    if email:
        extra.update(receipt_email=email)
    return stripe.PaymentIntent.create(  # expect: stripe-idempotency-key
        api_key=api_key,
        amount=booking.deposit_cents,
        currency="eur",
        capture_method="manual",
        **extra,
        idempotency_key=f'payment-intent-{booking.id}',
    )
