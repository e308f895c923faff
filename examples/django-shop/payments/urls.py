from django.urls import path

from . import views, webhooks

urlpatterns = [
    path("orders/<int:pk>/refund/", views.RefundOrderView.as_view(), name="order-refund"),
    path("orders/<int:pk>/promo/", views.apply_promo, name="order-promo"),
    path("webhooks/stripe/", webhooks.stripe_webhook, name="stripe-webhook"),
    path("webhooks/stripe/billing/", webhooks.stripe_billing_webhook, name="stripe-billing-webhook"),
]
