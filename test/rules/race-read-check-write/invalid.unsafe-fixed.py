from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.decorators.http import require_POST
from rest_framework import serializers
from rest_framework import viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from .models import Coupon, Event, Order, Seat, TicketOrder, TicketType, Wallet


# 1. the seed's service: read, capacity check, write
@transaction.atomic
def create_ticket_order(user, event_id, quantity):
    event = Event.objects.select_for_update().get(id=event_id)  # expect: race-read-check-write
    if event.available_tickets < quantity:
        raise ValidationError("Not enough tickets available")
    event.tickets_sold += quantity
    event.save()
    return TicketOrder.objects.create(user=user, event=event, quantity=quantity)


# 2. function view with get_object_or_404 under route decorators
@api_view(["POST"])
@require_POST
@transaction.atomic
def redeem_coupon(request, code):
    coupon = get_object_or_404(Coupon.objects.select_for_update(), code=code)  # expect: race-read-check-write
    if coupon.uses >= coupon.max_uses:
        return JsonResponse({"error": "coupon exhausted"}, status=409)
    coupon.uses = coupon.uses + 1
    coupon.save(update_fields=["uses"])
    return JsonResponse({"ok": True})


# 3. class-based view, filter().first(), a local computed from the row
class WithdrawView(View):
    @transaction.atomic
    def post(self, request, wallet_id):
        amount = int(request.POST["amount"])
        wallet = Wallet.objects.select_for_update().filter(pk=wallet_id, owner=request.user).first()  # expect: race-read-check-write
        remaining = wallet.balance - amount
        if remaining < 0:
            return JsonResponse({"error": "insufficient funds"}, status=400)
        wallet.balance = remaining
        wallet.save()
        return JsonResponse({"balance": wallet.balance})


# 4. a queryset kept in a variable, then written through .update() keyed by the row
@transaction.atomic
def reserve_seat(event_id):
    events = Event.objects.select_for_update().filter(id=event_id)
    event = events.first()  # expect: race-read-check-write
    if not event.is_open or event.tickets_sold >= event.capacity:
        return False
    Event.objects.filter(pk=event.pk).update(tickets_sold=event.tickets_sold + 1)
    return True


# 5. serializer create()
class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["event", "quantity"]

    @transaction.atomic
    def create(self, validated_data):
        event = Event.objects.select_for_update().get(pk=validated_data["event"].pk)  # expect: race-read-check-write
        if event.tickets_sold + validated_data["quantity"] > event.capacity:
            raise serializers.ValidationError("sold out")
        event.tickets_sold += validated_data["quantity"]
        event.save()
        return Order.objects.create(**validated_data)


# 6. Celery task: status check then transition (double processing)
@shared_task(bind=True)
@transaction.atomic
def capture_order(self, order_id):
    order = Order.objects.select_for_update().get(pk=order_id)  # expect: race-read-check-write
    if order.status != "pending":
        return
    order.status = "paid"
    order.save(update_fields=["status"])


# 7. a related row reached through the first read
@transaction.atomic
def confirm(order_id):
    order = Order.objects.select_related("event").get(pk=order_id)
    event = Event.objects.select_for_update().get(pk=order.event_id)  # expect: race-read-check-write
    while event.tickets_sold >= event.capacity:
        raise ValidationError("sold out")
    event.tickets_sold += order.quantity
    event.save()


# 8. model chosen at runtime, latest()
@transaction.atomic
def bump_version(page):
    current = type(page).objects.select_for_update().filter(book=page.book).latest("version")  # expect: race-read-check-write
    if current.version > page.version:
        raise ValidationError("stale page")
    current.version = page.version + 1
    current.save()


# 9. the check tests one field, the write recomputes another from the row
@transaction.atomic
def sell_one(ticket_type_id):
    tt = TicketType.objects.select_for_update().get(pk=ticket_type_id)  # expect: race-read-check-write
    if tt.remaining <= 0:
        raise ValidationError("sold out")
    tt.sold = tt.sold + 1
    tt.save(update_fields=["sold"])


# 10. DRF: the row comes from self.get_object()
class SeatViewSet(viewsets.ModelViewSet):
    queryset = Event.objects.all()

    @action(detail=True, methods=["post"])
    def book(self, request, pk=None):
        event = self.get_object()  # expect: race-read-check-write
        if event.seats_left < 1:
            return Response({"error": "full"}, status=409)
        event.seats_left -= 1
        event.save(update_fields=["seats_left"])
        return Response({"seats_left": event.seats_left})


# 11. rows read by iterating a queryset, each checked and claimed in the loop
@transaction.atomic
def hold_seats(request, show_id):
    for seat in Seat.objects.select_for_update().filter(show_id=show_id, pk__in=request.POST.getlist("seats")):  # expect: race-read-check-write
        if not seat.held and not seat.sold:
            seat.held = True
            seat.held_by = request.user
            seat.save()
    return JsonResponse({"ok": True})


# 12. "if not refunded yet": the guard also protects another row's update, which would run twice
@transaction.atomic
def on_refund(payment_intent):
    order = Order.objects.select_for_update().filter(payment_intent=payment_intent).first()  # expect: race-read-check-write
    if order and order.status != "refunded":
        order.status = "refunded"
        order.save()
        event = order.event
        event.tickets_sold -= order.quantity
        event.save()


# 13. the guard claims the row for the caller: the value written depends on who asks
@transaction.atomic
def claim_seat(request, seat_id):
    seat = Seat.objects.select_for_update().get(pk=seat_id)  # expect: race-read-check-write
    if not seat.held:
        seat.held_by = request.user
        seat.save()
