# shipguard-test: no-findings
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

# every DRF view of this project requires a logged-in user (DEFAULT_PERMISSION_CLASSES)


class GenerateAuthTokenView(APIView):
    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(Token.objects.create(user=request.user).key)


class RemovePasswordDocumentsView(APIView):
    # removes the passwords of PDF documents the user owns: a bulk edit, not a credential endpoint
    def post(self, request):
        return Response({"queued": len(request.data["documents"])})
