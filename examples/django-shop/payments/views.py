import logging

from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from tickets.models import TicketOrder
from tickets.services import release_seats

from .promotions import redeem_promo_code
from .stripe_gateway import PaymentError, StripeGateway

logger = logging.getLogger(__name__)


class RefundOrderView(APIView):
    def post(self, request, pk):
        try:
            order = TicketOrder.objects.get(pk=pk, user=request.user, status=TicketOrder.Status.PAID)
        except TicketOrder.DoesNotExist:
            return Response({"detail": "Order not found."}, status=status.HTTP_404_NOT_FOUND)

        try:
            StripeGateway().refund_order(order)
        except PaymentError:
            return Response({"detail": "We could not refund this order. Please contact support."}, status=status.HTTP_502_BAD_GATEWAY)

        release_seats(order)
        return Response({"status": "refunded"})


@api_view(["POST"])
def apply_promo(request, pk):
    order = TicketOrder.objects.get(pk=pk, user=request.user, status=TicketOrder.Status.PENDING)
    try:
        redeem_promo_code(order, request.data.get("code", ""))
    except Exception as e:
        return Response({"detail": "Promo code rejected", "reason": repr(e)}, status=status.HTTP_400_BAD_REQUEST)
    return Response({"amount_cents": order.amount_cents})
