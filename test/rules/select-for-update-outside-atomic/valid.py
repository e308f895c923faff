# shipguard-test: no-findings
from django.db import transaction
from django.db.transaction import atomic
from django.utils.decorators import method_decorator
from django.views import View
from rest_framework import viewsets

from .models import Event, Order, Wallet


@transaction.atomic
def reserve(event_id):
    event = Event.objects.select_for_update().get(id=event_id)
    event.reserved += 1
    event.save()


@transaction.atomic()
def reserve_called(event_id):
    return Event.objects.select_for_update().get(id=event_id)


@transaction.atomic(using="payments", savepoint=False)
def reserve_other_db(event_id):
    return Event.objects.using("payments").select_for_update().get(id=event_id)


@atomic
def reserve_aliased(event_id):
    return Event.objects.select_for_update().get(id=event_id)


def with_block(order_id):
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        order.status = "paid"
        order.save()


def nested_with(order_id, lock):
    with lock, transaction.atomic():
        if order_id:
            Order.objects.select_for_update().get(pk=order_id)


@method_decorator(transaction.atomic, name="dispatch")
class WithdrawView(View):
    def post(self, request):
        wallet = Wallet.objects.select_for_update().get(owner=request.user)
        return wallet


class OrderViewSet(viewsets.ModelViewSet):
    def get_queryset(self):
        # lazy: DRF evaluates it inside the (atomic) request
        return Order.objects.select_for_update().filter(user=self.request.user)


def locked_orders(user):
    qs = Order.objects.select_for_update().filter(user=user)
    return qs


class Reader:
    def select_for_update(self):
        return self


def not_django(reader):
    return reader.select_for_update()
