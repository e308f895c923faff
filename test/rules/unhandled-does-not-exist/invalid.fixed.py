from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views import View
from rest_framework import generics, status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Invoice, Order, Product, Ticket
from . import models


@login_required
def order_detail(request, pk):
    order = get_object_or_404(Order, pk=pk, customer=request.user)  # expect: unhandled-does-not-exist
    return render(request, "orders/detail.html", {"order": order})


def product_json(request, slug):
    product = get_object_or_404(Product.objects.select_related("category"), slug=slug)  # expect: unhandled-does-not-exist
    return JsonResponse({"name": product.name, "category": product.category.name})


@api_view(["GET"])
def invoice(request, number):
    inv = get_object_or_404(  # expect: unhandled-does-not-exist
        Invoice.objects.filter(archived=False),
        number=number,
        owner=request.user,
    )
    return Response({"number": inv.number})


class TicketView(View):
    def get(self, request, ticket_id):
        ticket = get_object_or_404(Ticket, id=ticket_id)  # expect: unhandled-does-not-exist
        return render(request, "ticket.html", {"ticket": ticket})


class CancelOrder(APIView):
    def post(self, request, pk):
        try:
            order = get_object_or_404(models.Order, pk=pk)  # expect: unhandled-does-not-exist
            order.cancel()
        except ValueError:
            return Response({"error": "cannot cancel"}, status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OrderItems(generics.ListCreateAPIView):
    def perform_create(self, serializer):
        order = get_object_or_404(Order, pk=self.kwargs["order_pk"])  # expect: unhandled-does-not-exist
        serializer.save(order=order)


def profile(request):
    return JsonResponse({"plan": get_object_or_404(Order, customer=request.user, active=True).plan})  # expect: unhandled-does-not-exist
