# shipguard-test: no-findings
from django.db import migrations


def backfill(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    OrderLine = apps.get_model("shop", "OrderLine")
    for order in Order.objects.filter(lines__isnull=True):
        OrderLine.objects.create(order=order, product_id=order.legacy_product_id, quantity=1)
        order.migrated = True
        order.save()


class Migration(migrations.Migration):
    dependencies = [("shop", "0006_orderline")]
    operations = [migrations.RunPython(backfill)]
