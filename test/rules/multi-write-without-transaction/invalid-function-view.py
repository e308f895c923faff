from django.core.mail import send_mail
from django.db.models import F
from django.shortcuts import redirect

from .cart import get_cart
from .models import Order, OrderLine, Product


def place_order(request):  # expect: multi-write-without-transaction
    cart = get_cart(request)
    order = Order.objects.create(customer=request.user, total=cart.total)
    for item in cart.items:
        OrderLine.objects.create(order=order, product=item.product, quantity=item.quantity)
        Product.objects.filter(pk=item.product.pk).update(stock=F("stock") - item.quantity)
    send_mail("Order received", f"Order {order.pk}", None, [request.user.email])
    return redirect("order-detail", pk=order.pk)
