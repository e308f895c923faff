# shipguard-test: no-findings
from django.core.management.base import BaseCommand
from django.db import transaction

from shop.models import Order


def rebuild(order):
    order.total = sum(line.amount for line in order.lines.all())
    order.save()


class Command(BaseCommand):
    def handle(self, *args, **options):
        for order in Order.objects.all():
            with transaction.atomic():
                rebuild(order)
            order.refresh_from_db()
            order.audit_entries.create(message="total rebuilt")
