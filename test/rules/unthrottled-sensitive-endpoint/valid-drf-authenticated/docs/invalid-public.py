from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


# AllowAny (or an empty list) opens a view of an authenticated project to anyone
class LoginView(APIView):  # expect: unthrottled-sensitive-endpoint
    permission_classes = [AllowAny]

    def post(self, request):
        return Response({})


@api_view(["POST"])
@permission_classes([])
def register(request):  # expect: unthrottled-sensitive-endpoint
    return Response(status=201)
