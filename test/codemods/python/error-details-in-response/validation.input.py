from django.http import JsonResponse
from rest_framework.exceptions import ValidationError


def update(request):
    try:
        save(request.POST)
    except ValidationError as e:
        return JsonResponse({"errors": e.detail}, status=400)
    return JsonResponse({"ok": True})
