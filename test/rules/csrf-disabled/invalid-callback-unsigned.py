from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .models import Order


@csrf_exempt  # expect: csrf-disabled
def payment_callback(request):
    # trusts whatever posts here: no signature is checked
    order = Order.objects.get(reference=request.POST["reference"])
    order.mark_paid()
    return HttpResponse("ok")
