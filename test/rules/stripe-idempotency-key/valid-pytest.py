# shipguard-test: no-findings
# Integration tests against Stripe's test mode: no real customer can be charged twice.
import pytest
import stripe


@pytest.fixture
def customer():
    return stripe.Customer.create(email="buyer@example.com")


def test_subscription_starts(customer):
    sub = stripe.Subscription.create(customer=customer.id, items=[{"price": "price_test_basic"}])
    assert sub.status in ("active", "incomplete")
