from celery import shared_task
from django.contrib.auth.decorators import login_required
from django.db import models, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.decorators.http import require_POST
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Event, Order, Page, Wallet


# 1. plain service function
@transaction.atomic
def reserve(event_id):
    event = Event.objects.select_for_update().get(id=event_id)  # expect: select-for-update-outside-atomic
    event.reserved += 1
    event.save()


# 2. view under route decorators: atomic must go below them
@login_required
@require_POST
@transaction.atomic
def pay(request, order_id):
    order = get_object_or_404(Order.objects.select_for_update(), pk=order_id)  # expect: select-for-update-outside-atomic
    order.status = "paid"
    order.save()
    return JsonResponse({"ok": True})


# 3. class-based view method
class WithdrawView(View):
    @transaction.atomic
    def post(self, request):
        wallet = Wallet.objects.select_for_update().filter(owner=request.user).first()  # expect: select-for-update-outside-atomic
        wallet.balance -= 10
        wallet.save()
        return JsonResponse({"balance": wallet.balance})


# 4. DRF viewset action
class OrderViewSet(viewsets.ModelViewSet):
    @action(detail=True, methods=["post"])
    @transaction.atomic
    def cancel(self, request, pk=None):
        order = Order.objects.select_for_update().get(pk=pk)  # expect: select-for-update-outside-atomic
        order.status = "cancelled"
        order.save()
        return Response({"status": order.status})


# 5. Celery task
@shared_task(bind=True, max_retries=3)
@transaction.atomic
def settle(self, order_id):
    for order in Order.objects.select_for_update().filter(pk=order_id):  # expect: select-for-update-outside-atomic
        order.settled = True
        order.save()


# 6. queryset stored in a variable and evaluated here
@transaction.atomic
def lock_pages(book_id):
    pages = Page.objects.select_for_update(skip_locked=True).filter(book_id=book_id)  # expect: select-for-update-outside-atomic
    return list(pages)


# 7. the seed's shape, model chosen at runtime, a with-block that is not atomic
@transaction.atomic
def generate_audio(page, lock):
    with lock:
        page_locked = type(page).objects.select_for_update().get(pk=page.pk)  # expect: select-for-update-outside-atomic
        page_locked.audio_pending = True
        page_locked.save()


# 8. exists() evaluates the query immediately
@transaction.atomic
def has_pending(order_id):
    return Order.objects.select_for_update(nowait=True).filter(pk=order_id, status="pending").exists()  # expect: select-for-update-outside-atomic
