import requests
from django.http import JsonResponse

from .models import Seat
from .services import hold_seat


def reserve(request, seat_id):  # expect: multi-write-without-transaction
    hold_seat(seat_id, request.user)
    requests.post("https://partner.example/holds", json={"seat": seat_id}, timeout=5)
    Seat.objects.filter(pk=seat_id).update(partner_notified=True)
    return JsonResponse({"ok": True})
