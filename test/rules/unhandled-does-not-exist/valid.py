# shipguard-test: no-findings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from rest_framework.views import APIView
from rest_framework.response import Response

from .models import Order, SiteSettings, Product

User = get_user_model()


def order_detail(request, pk):
    order = get_object_or_404(Order, pk=pk)
    return JsonResponse({"id": order.id})


def order_status(request, pk):
    try:
        order = Order.objects.get(pk=pk)
    except Order.DoesNotExist:
        raise Http404("No such order")
    return JsonResponse({"status": order.status})


def product(request, pk):
    try:
        p = Product.objects.get(pk=pk)
    except ObjectDoesNotExist:
        return JsonResponse({"error": "not found"}, status=404)
    return JsonResponse({"name": p.name})


def me(request):
    user = User.objects.get(pk=request.user.pk)
    return JsonResponse({"email": user.email})


def settings_page(request):
    site = SiteSettings.objects.get()
    return JsonResponse({"name": site.name})


def guarded(request, pk):
    if Order.objects.filter(pk=pk).exists():
        order = Order.objects.get(pk=pk)
        return JsonResponse({"id": order.id})
    return JsonResponse({}, status=404)


def helper(order_id):
    return Order.objects.get(pk=order_id)


class OrderView(APIView):
    def get(self, request, pk):
        try:
            order = Order.objects.select_related("customer").get(pk=pk)
        except (Order.DoesNotExist, ValueError):
            return Response(status=404)
        return Response({"id": order.id})


def cache_lookup(request, key):
    return JsonResponse({"value": request.session.get(key)})


def broad(request, pk):
    try:
        return JsonResponse({"id": Order.objects.get(pk=pk).id})
    except Exception:
        return JsonResponse({}, status=404)


class OrderAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        if change:
            previous = Order.objects.get(pk=obj.pk)
            obj.status_changed = previous.status != obj.status
        super().save_model(request, obj, form, change)


@shared_task
def error_callback(request, exc, traceback, order_id):
    order = Order.objects.get(pk=order_id)
    order.mark_failed()
