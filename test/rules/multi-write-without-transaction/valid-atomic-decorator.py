# shipguard-test: no-findings
from django.db import transaction
from django.shortcuts import redirect

from .models import Order, OrderLine


@transaction.atomic
def place_order(request):
    order = Order.objects.create(customer=request.user)
    OrderLine.objects.create(order=order, product_id=request.POST["product"], quantity=1)
    return redirect("order-detail", pk=order.pk)
