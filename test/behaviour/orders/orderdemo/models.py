"""Models for the multi-write behaviour case (created with the schema editor, no migrations)."""
from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100)
    # PositiveIntegerField: PostgreSQL checks `stock >= 0`, so selling more than the stock fails
    stock = models.PositiveIntegerField()

    class Meta:
        app_label = "orderdemo"


class Order(models.Model):
    customer = models.CharField(max_length=100)

    class Meta:
        app_label = "orderdemo"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.IntegerField()

    class Meta:
        app_label = "orderdemo"
