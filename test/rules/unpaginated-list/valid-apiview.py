# shipguard-test: no-findings
from rest_framework.response import Response
from rest_framework.views import APIView


class Health(APIView):
    def get(self, request):
        return Response({"ok": True})
