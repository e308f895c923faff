import asyncio

from rest_framework.decorators import api_view
from rest_framework.response import Response

from .sms import send_batch


class Notifier:
    def __init__(self):
        self.loop = asyncio.new_event_loop()

    def send(self, numbers, text):
        return self.loop.run_until_complete(send_batch(numbers, text))


def notify_all(numbers, text):
    loop = asyncio.new_event_loop()
    return loop.run_until_complete(send_batch(numbers, text))  # expect: nest-asyncio


@api_view(["POST"])
def broadcast(request):
    sent = notify_all(request.data["numbers"], request.data["text"])
    return Response({"sent": sent})
