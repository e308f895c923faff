from django.http import JsonResponse
from django.views.generic import View


class CartView(View):
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        request.session["cart"] = request.POST.getlist("items")
        return JsonResponse({"items": request.session["cart"]})
