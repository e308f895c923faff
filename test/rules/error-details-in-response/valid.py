# shipguard-test: no-findings
import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from flask import jsonify
import stripe

from .exceptions import InsufficientStockError, OrderError

logger = logging.getLogger(__name__)


def create_order(request):
    try:
        order = place_order(request)
    except Exception:
        logger.exception("Order failed")
        return JsonResponse({"error": "Internal server error"}, status=500)
    return JsonResponse({"id": order.id})


def validate(request):
    serializer = OrderSerializer(data=request.data)
    try:
        serializer.is_valid(raise_exception=True)
    except serializers.ValidationError as e:
        return Response({"errors": e.detail}, status=status.HTTP_400_BAD_REQUEST)
    return Response(serializer.data)


def clean_form(request):
    try:
        validate_slug(request.POST["slug"])
    except DjangoValidationError as e:
        return JsonResponse({"errors": e.messages}, status=400)
    return JsonResponse({"ok": True})


def reserve(request):
    try:
        reserve_stock(request.POST)
    except (InsufficientStockError, OrderError) as e:
        return JsonResponse({"error": str(e)}, status=409)
    return JsonResponse({"ok": True})


def pay(request):
    try:
        stripe.PaymentIntent.confirm(request.POST["intent"])
    except stripe.error.CardError as e:
        return JsonResponse({"error": e.user_message, "code": e.code}, status=402)
    return JsonResponse({"ok": True})


def parse_days(request):
    try:
        days = int(request.GET["days"])
    except (KeyError, ValueError) as e:
        return JsonResponse({"error": f"invalid days: {e}"}, status=400)
    return JsonResponse({"days": days})


def health(request):
    try:
        check_database()
    except Exception as e:
        logger.error("Health check failed: %s", e)
        return JsonResponse({"healthy": False, "error_type": type(e).__name__}, status=503)
    return JsonResponse({"healthy": True})


def lookup(request):
    try:
        item = find_item(request.GET["q"])
    except Exception as e:
        if "timeout" in str(e):
            return JsonResponse({"error": "Upstream timeout"}, status=504)
        raise
    return JsonResponse({"item": item})


def not_a_handler(request):
    e = RuntimeError("x")
    return JsonResponse({"error": str(e)})


def local_text_only(request):
    try:
        do_work()
    except Exception as e:
        detail = str(e)
        logger.exception("Work failed: %s", detail)
        return Response({"error": "Work failed"}, status=500)
    return Response({})


@app.errorhandler(404)
def not_found(e):
    return jsonify(error=str(e)), 404
