# shipguard-test: no-findings
from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View
from rest_framework import viewsets
from rest_framework.decorators import api_view

from .models import Account, Address, Coupon, DueDate, Event, Order, Project, Seat, Wallet


# 1. the seed's fixed service: select_for_update inside @transaction.atomic
@transaction.atomic()
def create_ticket_order(user, event_id, quantity):
    event = Event.objects.select_for_update().get(id=event_id)
    if event.available_tickets < quantity:
        raise ValidationError("Not enough tickets available")
    event.tickets_sold = F("tickets_sold") + quantity
    event.save(update_fields=["tickets_sold"])


# 2. with transaction.atomic() + select_for_update through get_object_or_404 on a queryset
@api_view(["POST"])
def redeem_coupon(request, code):
    with transaction.atomic():
        coupon = get_object_or_404(Coupon.objects.select_for_update(), code=code)
        if coupon.uses >= coupon.max_uses:
            return JsonResponse({"error": "coupon exhausted"}, status=409)
        coupon.uses += 1
        coupon.save()
    return JsonResponse({"ok": True})


# 3. conditional update: the database checks the capacity
def reserve_seat(event_id):
    event = Event.objects.get(id=event_id)
    if not event.is_open:
        return False
    updated = Event.objects.filter(pk=event.pk, tickets_sold__lt=F("capacity")).update(tickets_sold=F("tickets_sold") + 1)
    return updated == 1


# 4. read then write with no check in between
def touch(order_id):
    order = Order.objects.get(pk=order_id)
    order.note = "seen"
    order.save()


# 5. the check only looks at ownership, not at mutable state
class RenameView(View):
    def post(self, request, order_id):
        order = Order.objects.get(pk=order_id)
        if order.user_id != request.user.id:
            return JsonResponse({"error": "forbidden"}, status=403)
        order.label = request.POST["label"]
        order.save()
        return JsonResponse({"ok": True})


# 6. read and check, but nothing is written back
def can_buy(event_id, quantity):
    event = Event.objects.get(id=event_id)
    if event.tickets_sold + quantity > event.capacity:
        return False
    return True


# 7. F() expression write: the database does the arithmetic
@shared_task
def count_view(event_id):
    event = Event.objects.get(id=event_id)
    if event.is_open:
        event.views = F("views") + 1
        event.save(update_fields=["views"])


# 8. a different object is written
def copy_balance(src_id, dst_id):
    src = Wallet.objects.get(pk=src_id)
    dst = Wallet(owner=src.owner)
    if src.balance > 0:
        dst.balance = 0
        dst.save()


# 9. not the ORM: a plain object with get()
def settings_value(cache, key):
    entry = cache.get(key)
    if entry.expired:
        entry.value = None
        entry.save()


# 10. the check looks at a related row (a country, a related manager), not at this row's state
def set_default_address(request, pk, kind):
    address = get_object_or_404(Address, user=request.user, pk=pk)
    if address.country.ships_here:
        setattr(address, "is_default_" + kind, True)
    address.save()


def copy_due_dates(project_id, template):
    project = Project.objects.get(id=project_id)
    if project.due_dates.exists():
        raise ValidationError("already has due dates")
    for d in template.due_dates:
        DueDate.objects.create(project=project, name=d["name"])
    project.save()


# 11. "set if different": every concurrent writer ends with the same value
def sync_billing_email(customer):
    account = Account.objects.filter(billing_id=customer["id"]).first()
    if not account:
        return
    new_email = customer["email"]
    if account.billing_email != new_email:
        account.billing_email = new_email
        account.save()


# 12. a guard on one field, a write of an unrelated flag whose value does not come from the row
@shared_task
def connect_webhook(project_id, services):
    project = Project.objects.filter(pk=project_id).first()
    if project.uses_app_integration:
        return True
    service_class = project.git_service_class()
    if not service_class:
        return False
    for service in services:
        if service.setup(project):
            project.has_valid_webhook = True
            project.save()
            return True
    return False


# 13. DRF view whose get_queryset takes the lock, inside an atomic action
class LockedSeatViewSet(viewsets.ModelViewSet):
    def get_queryset(self):
        return Event.objects.select_for_update()

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        event = self.get_object()
        if event.seats_left < 1:
            return JsonResponse({"error": "full"}, status=409)
        event.seats_left -= 1
        event.save()
        return JsonResponse({"ok": True})


# 14. a loop over a queryset that only writes, or checks without writing back what it checked
def expire_holds(cutoff):
    for seat in Seat.objects.filter(held=True, held_at__lt=cutoff):
        seat.held = False
        seat.save()


def audit(show_id):
    for seat in Seat.objects.filter(show_id=show_id).values("pk", "held"):
        if seat["held"]:
            print(seat)


# 15. "set a constant" under a guard that only syncs the row: every racer ends the same way
class DraftOrderComplete:
    @classmethod
    def deactivate_single_use_voucher_codes(cls, order):
        if order.voucher.single_use and order.voucher_code:
            code = Coupon.objects.filter(code=order.voucher_code).first()
            if code and code.is_active:
                code.is_active = False
                code.save(update_fields=["is_active"])


# 16. "set if missing" from the row's own relations: racers compute the same value
def success_response(instance):
    product = Project.objects.get(id=instance.product_id)
    product.search_index_dirty = True
    product.save(update_fields=["search_index_dirty"])
    if not product.default_variant:
        product.default_variant = product.variants.first()
        product.save(update_fields=["default_variant", "updated_at"])


# 17. the checks only make sure a computed value's inputs exist; no checked field is written
def task_postrun_handler(task_id, retval, now):
    try:
        order = Order.objects.get(task_id=task_id)
    except Order.DoesNotExist:
        return
    order.status = "done"
    order.date_done = now
    changed_fields = ["status", "date_done"]
    if order.date_started:
        order.duration_seconds = (now - order.date_started).total_seconds()
        changed_fields.append("duration_seconds")
    if isinstance(retval, dict):
        order.result_data = retval
        changed_fields.append("result_data")
    order.save(update_fields=changed_fields)


# 18. a check on one field (the parser to use) and a write of others, with values assigned here
@shared_task
def update_document_content(document_id, parse):
    document = Order.objects.get(id=document_id)
    mime_type = document.mime_type
    parser_class = parse(mime_type)
    if not parser_class:
        return
    document.archive_filename = parser_class.filename()
    Order.objects.filter(pk=document.pk).update(content=parser_class.text(), archive_filename=document.archive_filename)


# 19. "if it exists update it, else create it": a check-then-create on the create branch, not this race
def upsert_profile(user, data):
    profile = Account.objects.filter(owner=user).first()
    if profile:
        profile.bio = data["bio"]
        profile.save()
    else:
        Account.objects.create(owner=user, bio=data["bio"])


# 20. a related row whose method only reads; a relation whose object is never written
def show_balance(order):
    wallet = order.wallet
    if wallet.balance < 0:
        print(wallet.describe())
    label = order.event
    if label.capacity > 10:
        print(label)


# 21. a row the caller passed in (through an info object), kept in sync with computed values
def set_base_prices(checkout_info, subtotal, total):
    checkout = checkout_info.checkout
    is_update_needed = not (checkout.base_subtotal == subtotal and checkout.base_total == total)
    if is_update_needed:
        checkout.base_subtotal = subtotal
        checkout.base_total = total
        checkout.save(update_fields=["base_total_amount", "base_subtotal_amount"])


# 22. a constant (and a copy of the field's own related row) under guards that only list the fields to save
def release_checkout(checkout_info):
    checkout = checkout_info.checkout
    update_fields = []
    if checkout.completing_started_at is not None:
        checkout.completing_started_at = None
        update_fields.append("completing_started_at")
    if checkout.shipping_address:
        checkout.shipping_address = checkout.shipping_address.get_copy()
        update_fields.append("shipping_address")
    if update_fields:
        checkout.save(update_fields=update_fields)


# 23. a Celery task that picks a strategy from one field and then records its own progress: the field
#     tested (file_version) is never written, the written ones are not tested
@shared_task
def build_share_link_bundle(bundle_id, archive_strategy, original_strategy):
    try:
        bundle = Project.objects.filter(pk=bundle_id).prefetch_related("documents").get()
    except Project.DoesNotExist:
        return
    bundle.status = "processing"
    bundle.save(update_fields=["status"])
    strategy = archive_strategy if bundle.file_version == "archive" else original_strategy
    path = strategy(bundle)
    bundle.file_path = path
    bundle.status = "ready"
    bundle.save(update_fields=["file_path", "status"])
