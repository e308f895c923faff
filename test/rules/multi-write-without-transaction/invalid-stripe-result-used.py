import stripe
from django.http import JsonResponse

from .models import Payment


def checkout(request):  # expect: multi-write-without-transaction
    payment = Payment.objects.create(user=request.user, amount=request.POST["amount"], status="pending")
    charge = stripe.Charge.create(amount=payment.amount, currency="eur", source=request.POST["token"])
    payment.charge_id = charge.id
    payment.status = "paid"
    payment.save()
    return JsonResponse({"id": charge.id})
