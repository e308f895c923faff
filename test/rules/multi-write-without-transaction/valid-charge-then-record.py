# shipguard-test: no-findings
import stripe
from django.http import JsonResponse

from .models import Payment


def checkout(request):
    charge = stripe.Charge.create(amount=request.POST["amount"], currency="eur", source=request.POST["token"])
    Payment.objects.create(user=request.user, charge_id=charge.id, amount=charge.amount)
    return JsonResponse({"id": charge.id})
