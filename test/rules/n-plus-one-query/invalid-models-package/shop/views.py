from django.http import JsonResponse

from shop.models import Category, OrderItem


def menu(request):
    menu = {}
    for category in Category.objects.order_by("name"):
        menu[category.name] = [p.name for p in category.products.all()]  # expect: n-plus-one-query
    return JsonResponse(menu)


def picking_list(request, order_id):
    items = OrderItem.objects.filter(order_id=order_id)
    return JsonResponse({"items": {i.product.name: i.quantity for i in items}})  # expect: n-plus-one-query
