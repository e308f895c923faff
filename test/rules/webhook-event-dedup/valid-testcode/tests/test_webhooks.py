# shipguard-test: no-findings
import stripe
from django.test import TestCase

from billing.models import Account


class WebhookTests(TestCase):
    def test_construct(self):
        event = stripe.Webhook.construct_event(b"{}", "t=1,v1=x", "whsec_test")
        Account.objects.create(customer=event["data"]["object"]["customer"])
