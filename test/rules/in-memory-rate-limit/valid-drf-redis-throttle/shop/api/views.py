# shipguard-test: no-findings
from rest_framework.decorators import api_view, throttle_classes
from rest_framework.response import Response
from rest_framework.views import APIView

from .throttles import BurstThrottle, LoginThrottle


class LoginView(APIView):
    throttle_classes = [LoginThrottle]

    def post(self, request):
        return Response({"ok": True})


@api_view(["POST"])
@throttle_classes([BurstThrottle])
def export_orders(request):
    return Response({"queued": True}, status=202)
