# shipguard-test: no-findings
from myshop.core.db import transaction_with_retry

from .models import Checkout, Payment, Stock, Voucher


# a project wrapper around atomic, named for it
def complete(checkout_id):
    with transaction_with_retry():
        checkout = Checkout.objects.select_for_update().filter(pk=checkout_id).first()
        checkout.completed = True
        checkout.save()


# a lock switched on by the caller: the caller owns the transaction
def get_payment(payment_id, with_lock=True):
    qs = Payment.objects.filter(pk=payment_id)
    if with_lock:
        qs = qs.select_for_update(of=("self",))
    return qs.first()


# helper called from an atomic block of the same module
def take_stock(stock_id):
    return Stock.objects.select_for_update().get(pk=stock_id)


def allocate(stock_id, quantity):
    with transaction_with_retry():
        stock = take_stock(stock_id)
        stock.allocated += quantity
        stock.save()


# a lazy queryset in parentheses, returned to the caller
def stock_for_update():
    return (
        Stock.objects.select_related("warehouse")
        .select_for_update(of=("self",))
        .order_by("pk")
    )


# class helper of a mutation: perform_mutation opens the transaction and calls it
class VoucherUse:
    @classmethod
    def get_voucher(cls, code):
        return Voucher.objects.select_for_update().get(code=code)


# the module imports the project's transaction helper; this one leaves the transaction to its callers
def lock_voucher(code):
    return Voucher.objects.select_for_update().get(code=code)

