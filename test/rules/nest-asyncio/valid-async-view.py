# shipguard-test: no-findings
from django.http import JsonResponse

from .clients import fetch_quote


async def quote(request):
    data = await fetch_quote(request.GET["symbol"])
    return JsonResponse(data)
