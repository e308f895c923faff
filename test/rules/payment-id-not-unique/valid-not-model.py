# shipguard-test: no-findings
from dataclasses import dataclass

from django import forms
from rest_framework import serializers


class ConfirmPaymentSerializer(serializers.Serializer):
    stripe_payment_intent_id = serializers.CharField(max_length=255)
    idempotency_key = serializers.CharField()


class RefundForm(forms.Form):
    stripe_charge_id = forms.CharField(max_length=255)


@dataclass
class CheckoutResult:
    checkout_session_id: str
    payment_intent: str = ""
