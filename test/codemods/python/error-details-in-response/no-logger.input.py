"""Payment views."""
import traceback

from django.http import JsonResponse as JR
from rest_framework.response import Response as DRFResponse

from payments.gateway import charge_card


def charge(request):
    try:
        charge_card(request.POST["token"], request.POST["amount"])
    except Exception as err:
        msg = "Charge failed: %s" % err
        return JR({"error": msg, "traceback": traceback.format_exc(), "code": "card_error"}, status=400)
    return JR({"ok": True})


class RefundView:
    def post(self, request):
        try:
            refund(request.data)
        except Exception as e:
            print("refund failed", e)
            return DRFResponse({"detail": e.args[0] if e.args else str(e)}, status=500)
        return DRFResponse(status=204)
