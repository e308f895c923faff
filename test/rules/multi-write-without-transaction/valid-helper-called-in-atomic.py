# shipguard-test: no-findings
from django.db import transaction

from .models import Order, OrderLine


def _write_order(customer, lines):
    order = Order.objects.create(customer=customer)
    OrderLine.objects.bulk_create([OrderLine(order=order, **line) for line in lines])
    return order


def place_order(request):
    with transaction.atomic():
        order = _write_order(request.user, request.POST.getlist("lines"))
    return order.pk
