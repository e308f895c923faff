from django.db.transaction import atomic as db_atomic
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Account, Transfer


@require_POST
def transfer(request):  # expect: multi-write-without-transaction
    source = Account.objects.get(pk=request.POST["from"], owner=request.user)
    target = Account.objects.get(pk=request.POST["to"])
    amount = int(request.POST["amount"])
    source.balance -= amount
    source.save()
    target.balance += amount
    target.save()
    Transfer.objects.create(source=source, target=target, amount=amount)
    return JsonResponse({"ok": True})


@db_atomic
def refund(transfer_id):
    transfer = Transfer.objects.get(pk=transfer_id)
    transfer.source.balance += transfer.amount
    transfer.source.save()
    transfer.delete()
