from django.contrib import messages as django_messages


def view(request, order):
    try:
        order.pay()
    except Exception as e:
        django_messages.error(request, f"Payment failed: {e}")
