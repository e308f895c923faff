import logging

import stripe
from django.conf import settings
from django.shortcuts import get_object_or_404
from rest_framework import generics, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Event, TicketOrder
from .serializers import EventSerializer, PurchaseSerializer, TicketOrderSerializer, WaitlistSerializer
from .services import SoldOut, create_ticket_order, hold_seats_for_checkout, join_waitlist

logger = logging.getLogger(__name__)

stripe.api_key = settings.STRIPE_SECRET_KEY


class EventListView(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = EventSerializer
    queryset = Event.objects.filter(is_published=True).select_related("venue")


@api_view(["GET"])
@permission_classes([AllowAny])
def event_detail(request, slug):
    event = Event.objects.get(slug=slug, is_published=True)
    return Response(EventSerializer(event).data)


@api_view(["POST"])
def purchase_tickets(request, event_id):
    serializer = PurchaseSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    try:
        order = create_ticket_order(request.user, event_id, serializer.validated_data["quantity"])
    except SoldOut:
        return Response({"detail": "Not enough tickets left for this event."}, status=status.HTTP_409_CONFLICT)
    return Response(TicketOrderSerializer(order).data, status=status.HTTP_201_CREATED)


class CheckoutView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, event_id):
        serializer = PurchaseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        quantity = serializer.validated_data["quantity"]

        try:
            order = hold_seats_for_checkout(request.user, event_id, quantity)
        except SoldOut:
            return Response({"detail": "Not enough tickets left for this event."}, status=status.HTTP_409_CONFLICT)

        try:
            session = stripe.checkout.Session.create(
                mode="payment",
                payment_method_types=["card"],
                customer_email=request.user.email,
                line_items=[
                    {
                        "price_data": {
                            "currency": order.event.currency,
                            "unit_amount": order.event.price_cents,
                            "product_data": {"name": order.event.name},
                        },
                        "quantity": quantity,
                    }
                ],
                metadata={"order_id": order.id},
                success_url=f"{settings.FRONTEND_URL}/orders/{order.id}?paid=1",
                cancel_url=f"{settings.FRONTEND_URL}/events/{order.event.slug}",
            )
        except stripe.error.StripeError as e:
            logger.exception("Stripe checkout failed for order %s", order.id)
            return Response({"error": str(e)}, status=status.HTTP_502_BAD_GATEWAY)

        order.stripe_checkout_session_id = session.id
        order.save(update_fields=["stripe_checkout_session_id", "updated_at"])
        return Response({"checkout_url": session.url}, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def my_orders(request):
    orders = TicketOrder.objects.filter(user=request.user).order_by("-created_at")[:50]
    results = []
    for order in orders:
        results.append(
            {
                "id": order.id,
                "event": order.event.name,
                "tickets": order.tickets.count(),
                "status": order.status,
            }
        )
    return Response({"results": results})


@api_view(["GET"])
def order_detail(request, pk):
    order = get_object_or_404(TicketOrder.objects.select_related("event__venue"), pk=pk, user=request.user)
    return Response(TicketOrderSerializer(order).data)


@api_view(["POST"])
@permission_classes([AllowAny])
def waitlist(request, slug):
    event = get_object_or_404(Event, slug=slug)
    serializer = WaitlistSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    join_waitlist(event, serializer.validated_data["email"])
    return Response(status=status.HTTP_202_ACCEPTED)
