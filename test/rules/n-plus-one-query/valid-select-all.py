# shipguard-test: no-findings
from django.shortcuts import render

from .models import Order


def order_report(request):
    orders = Order.objects.select_related().order_by("-total")[:50]
    rows = [(o.customer.name, o.total) for o in orders]
    return render(request, "orders/report.html", {"rows": rows})
