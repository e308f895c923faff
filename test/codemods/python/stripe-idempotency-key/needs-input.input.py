"""No stable id defined on every path: bulk fixing leaves these calls alone."""
import stripe


def get_or_create_customer(api_key, customer_id=None, customer_email=None):
    if customer_id:
        return stripe.Customer.retrieve(customer_id, api_key=api_key)
    return stripe.Customer.create(api_key=api_key, email=customer_email)


def refund_payment_intent(api_key, payment_intent_id, amount_to_refund):
    return stripe.Refund.create(payment_intent=payment_intent_id, amount=amount_to_refund, api_key=api_key)


def confirm(data, api_key):
    if "payment_intent_id" in data:
        return stripe.PaymentIntent.confirm(data["payment_intent_id"], api_key=api_key)
    return None
