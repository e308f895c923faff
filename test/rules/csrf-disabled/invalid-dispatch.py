from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import View


class CartView(View):
    @method_decorator(csrf_exempt)  # expect: csrf-disabled
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        request.session["cart"] = request.POST.getlist("items")
        return JsonResponse({"items": request.session["cart"]})
