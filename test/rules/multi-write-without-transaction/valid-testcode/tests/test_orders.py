# shipguard-test: no-findings
from django.test import TestCase

from shop.models import Order, OrderLine


class OrderTests(TestCase):
    def test_lines(self):
        order = Order.objects.create(customer_id=1)
        OrderLine.objects.create(order=order, product_id=1, quantity=2)
        self.assertEqual(order.orderline_set.count(), 1)
