from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views import View
from rest_framework import generics, status
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Invoice, Order, Product, Ticket
from . import models


@login_required
def order_detail(request, pk):
    order = Order.objects.get(pk=pk, customer=request.user)  # expect: unhandled-does-not-exist
    return render(request, "orders/detail.html", {"order": order})


def product_json(request, slug):
    product = Product.objects.select_related("category").get(slug=slug)  # expect: unhandled-does-not-exist
    return JsonResponse({"name": product.name, "category": product.category.name})


@api_view(["GET"])
def invoice(request, number):
    inv = Invoice.objects.filter(archived=False).get(  # expect: unhandled-does-not-exist
        number=number,
        owner=request.user,
    )
    return Response({"number": inv.number})


class TicketView(View):
    def get(self, request, ticket_id):
        ticket = Ticket.objects.get(id=ticket_id)  # expect: unhandled-does-not-exist
        return render(request, "ticket.html", {"ticket": ticket})


class CancelOrder(APIView):
    def post(self, request, pk):
        try:
            order = models.Order.objects.get(pk=pk)  # expect: unhandled-does-not-exist
            order.cancel()
        except ValueError:
            return Response({"error": "cannot cancel"}, status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OrderItems(generics.ListCreateAPIView):
    def perform_create(self, serializer):
        order = Order.objects.get(pk=self.kwargs["order_pk"])  # expect: unhandled-does-not-exist
        serializer.save(order=order)


def profile(request):
    return JsonResponse({"plan": Order.objects.get(customer=request.user, active=True).plan})  # expect: unhandled-does-not-exist
