import os

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from stripe import StripeClient

from .emails import send_receipt
from .models import Invoice

client = StripeClient(os.environ["STRIPE_SECRET_KEY"])


@csrf_exempt
def invoices_webhook(request):
    try:
        event = client.construct_event(request.body, request.headers["Stripe-Signature"], os.environ["STRIPE_WEBHOOK_SECRET"])  # expect: webhook-event-dedup
    except Exception:
        return HttpResponseBadRequest()
    handle_event(event)
    return HttpResponse(status=200)


def handle_event(event):
    if event.type == "invoice.paid":
        invoice = Invoice.objects.get(stripe_id=event.data.object.id)
        invoice.status = "paid"
        invoice.save(update_fields=["status"])
        send_receipt(invoice)
