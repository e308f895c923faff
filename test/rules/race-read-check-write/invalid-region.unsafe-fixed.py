import shutil

import requests
import stripe
from celery import shared_task
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import close_old_connections
from django.db import transaction
from django.db.models import F
from django.http import JsonResponse

from .models import Bundle, Event, Membership, Order, Wallet
from .tasks import notify_warehouse


# 1. a Celery task that does long work after the check: only the read, check and write are locked
@shared_task
def build_bundle(bundle_id, documents):
    with transaction.atomic():
        bundle = Bundle.objects.select_for_update().get(pk=bundle_id)  # expect: race-read-check-write
        if bundle.status == "building":
            return
        bundle.status = "building"
        bundle.save(update_fields=["status"])
    path = bundle.make_archive(documents)
    shutil.move(path, bundle.final_path)


# 2. connection management stays outside the transaction; the region sits inside a try
@shared_task
def finish_order(order_id):
    try:
        close_old_connections()
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order_id)  # expect: race-read-check-write
            if order.status != "pending":
                return
            order.status = "done"
            order.save()
    except Exception:
        return


# 3. an e-mail under the lock: it runs after the commit
def confirm_order(request, order_id):
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)  # expect: race-read-check-write
        if order.status != "pending":
            return JsonResponse({"error": "already confirmed"}, status=409)
        order.status = "confirmed"
        order.save()
    send_mail("Confirmed", f"Order {order_id} is confirmed", None, [order.email])
    return JsonResponse({"ok": True})


# 4. a Stripe call whose result the write needs cannot wait for the commit: no automatic fix
def refund_order(order_id):
    order = Order.objects.get(pk=order_id)  # expect: race-read-check-write
    if order.status != "paid":
        raise ValidationError("not paid")
    refund = stripe.Refund.create(payment_intent=order.payment_intent)
    order.status = "refunded"
    order.refund_id = refund.id
    order.save()


# 5. a simple comparison and a move of the same field: one conditional UPDATE, no lock
def withdraw(wallet_id, amount):
    wallet = Wallet.objects.get(pk=wallet_id)  # expect: race-read-check-write
    updated = Wallet.objects.filter(pk=wallet.pk, balance__gte=amount).update(balance=F("balance") - amount)
    if not updated:
        raise ValidationError("insufficient funds")
    return JsonResponse({"ok": True})


# 6. the check depends on a count read before the row: the count moves into the transaction
def change_role(team_id, user_id, new_role):
    with transaction.atomic():
        owners = len(Membership.objects.select_for_update().filter(team_id=team_id, role="owner"))
        member = Membership.objects.select_for_update().get(team_id=team_id, user_id=user_id)  # expect: race-read-check-write
        if member.role == "owner" and new_role != "owner" and owners == 1:
            raise ValidationError("the team needs an owner")
        member.role = new_role
        member.save()
    requests.post("https://hooks.example.com/roles", json={"team": team_id}, timeout=5)


# 7. an HTTP call before the region stays outside it
def sync_event(event_id, qty):
    info = requests.get("https://api.example.com/events", timeout=5).json()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)  # expect: race-read-check-write
        if event.sold + qty > info["capacity"]:
            raise ValidationError("sold out")
        event.sold = event.sold + qty
        event.save()


# 8. the whole function is the region: atomic, and the e-mail under the guard waits for the commit
@transaction.atomic
def approve(order_id):
    order = Order.objects.select_for_update().get(pk=order_id)  # expect: race-read-check-write
    if order.status == "pending":
        order.status = "approved"
        order.save()
        transaction.on_commit(lambda: send_mail("Approved", "Your order is approved", None, [order.email]))


# 9. a task queued under the guard waits for the commit; the loop after the region stays outside
@shared_task
def ship(order_id):
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)  # expect: race-read-check-write
        if order.status == "paid":
            order.status = "shipped"
            order.save()
            transaction.on_commit(lambda: notify_warehouse.delay(order.pk))
    for line in order.lines.all():
        print(line)
