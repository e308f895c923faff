# shipguard-test: no-findings
from django.db.transaction import atomic
from django.http import JsonResponse

from .models import Account, Transfer


def transfer(request):
    amount = int(request.POST["amount"])
    with atomic():
        source = Account.objects.select_for_update().get(pk=request.POST["from"])
        source.balance -= amount
        source.save()
        Transfer.objects.create(source=source, amount=amount)
    return JsonResponse({"ok": True})
