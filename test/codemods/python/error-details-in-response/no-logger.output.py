"""Payment views."""
import logging
import traceback

from django.http import JsonResponse as JR
from rest_framework.response import Response as DRFResponse

from payments.gateway import charge_card

logger = logging.getLogger(__name__)


def charge(request):
    try:
        charge_card(request.POST["token"], request.POST["amount"])
    except Exception:
        logger.exception("Unexpected error in charge")
        return JR({"error": "Bad request", "code": "card_error"}, status=400)
    return JR({"ok": True})


class RefundView:
    def post(self, request):
        try:
            refund(request.data)
        except Exception as e:
            logger.exception("Unexpected error in RefundView.post")
            print("refund failed", e)
            return DRFResponse({"detail": "Internal server error"}, status=500)
        return DRFResponse(status=204)
