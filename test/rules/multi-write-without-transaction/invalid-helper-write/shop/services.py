# shipguard-test: no-findings
from .models import Seat


def hold_seat(seat_id, user):
    return Seat.objects.filter(pk=seat_id, held_by=None).update(held_by=user)
