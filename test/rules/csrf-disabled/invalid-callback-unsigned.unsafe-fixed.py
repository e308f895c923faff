from django.http import HttpResponse

from .models import Order


def payment_callback(request):
    # trusts whatever posts here: no signature is checked
    order = Order.objects.get(reference=request.POST["reference"])
    order.mark_paid()
    return HttpResponse("ok")
