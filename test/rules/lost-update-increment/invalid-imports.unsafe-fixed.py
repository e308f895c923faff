"""Inventory services."""
from django.db.models import F, Q

from inventory.models import Product


def sell(product_id, qty):
    product = Product.objects.filter(Q(pk=product_id)).first()
    product.sold = F("sold") + qty  # expect: lost-update-increment
    product.save(update_fields=("sold",))
    product.refresh_from_db(fields=["sold"])
    return product.sold
