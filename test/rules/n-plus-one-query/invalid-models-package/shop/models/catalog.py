from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=80)


class Product(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    name = models.CharField(max_length=120)
