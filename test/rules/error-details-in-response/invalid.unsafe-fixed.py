import logging
import traceback

from django.http import HttpResponse, JsonResponse
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from orders.services import place_order, refund_order

logger = logging.getLogger(__name__)


def create_order(request):
    try:
        order = place_order(request.user, request.POST)
    except Exception:
        logger.exception("Unexpected error in create_order")
        return JsonResponse({"error": "Internal server error"}, status=500)  # expect: error-details-in-response
    return JsonResponse({"id": order.id}, status=201)


def export_csv(request):
    try:
        data = build_export(request.GET)
    except Exception:
        logger.exception("Unexpected error in export_csv")
        return HttpResponse("Internal server error", status=500, content_type="text/plain")  # expect: error-details-in-response
    return HttpResponse(data, content_type="text/csv")


@api_view(["POST"])
def refund(request, order_id):
    try:
        refund_order(order_id, request.data["amount"])
    except Exception:
        logger.exception("Unexpected error in refund")
        return Response(  # expect: error-details-in-response
            {"detail": "Refund failed", "code": "refund_failed"},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return Response(status=status.HTTP_204_NO_CONTENT)


class SyncView(APIView):
    def post(self, request):
        try:
            result = sync_inventory(request.data)
        except Exception:
            logger.exception("Unexpected error in SyncView.post")
            return Response({"error": "Bad gateway", "request_id": request.META.get("HTTP_X_REQUEST_ID")}, status=502)  # expect: error-details-in-response
        return Response(result)


def webhook(request):
    payload = {"ok": False}
    try:
        handle_event(request.body)
        payload["ok"] = True
    except KeyError:
        logger.exception("Unexpected error in webhook")
        payload["error"] = "Internal server error"
        logger.warning("Unknown event")
        return JsonResponse(payload, status=500)  # expect: error-details-in-response
    return JsonResponse(payload)


def upload(request):
    try:
        store_upload(request.FILES["file"])
    except (OSError, RuntimeError):
        logger.error("Upload failed", exc_info=True)
        return JsonResponse({"success": False, "errors": "Internal server error"})  # expect: error-details-in-response
    return JsonResponse({"success": True})
