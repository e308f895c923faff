import asyncio

from django.http import JsonResponse

from .clients import fetch_quote


def quote(request):
    loop = asyncio.get_event_loop()
    data = loop.run_until_complete(fetch_quote(request.GET["symbol"]))  # expect: nest-asyncio
    return JsonResponse(data)
