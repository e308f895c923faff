from django.db.models import F

from orderdemo.models import Order, OrderLine, Product


def place_order(customer, items):
    order = Order.objects.create(customer=customer)
    for product_id, quantity in items:
        OrderLine.objects.create(order=order, product_id=product_id, quantity=quantity)
        Product.objects.filter(pk=product_id).update(stock=F("stock") - quantity)
    return order
