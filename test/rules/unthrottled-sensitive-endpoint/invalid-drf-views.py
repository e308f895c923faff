from django.contrib.auth import authenticate
from rest_framework import generics, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import RegisterSerializer, UserSerializer


@api_view(["POST"])
@permission_classes([AllowAny])
def login(request):  # expect: unthrottled-sensitive-endpoint
    user = authenticate(username=request.data["username"], password=request.data["password"])
    if user is None:
        return Response(status=status.HTTP_401_UNAUTHORIZED)
    return Response({"token": user.auth_token.key})


class PasswordResetView(APIView):  # expect: unthrottled-sensitive-endpoint
    permission_classes = [AllowAny]

    def post(self, request):
        send_reset_email(request.data["email"])
        return Response(status=status.HTTP_202_ACCEPTED)


class RegisterView(generics.CreateAPIView):  # expect: unthrottled-sensitive-endpoint
    serializer_class = RegisterSerializer
    permission_classes = [AllowAny]


class UserViewSet(viewsets.ModelViewSet):
    serializer_class = UserSerializer

    @action(detail=True, methods=["post"], url_path="set-password")
    def set_password(self, request, pk=None):  # expect: unthrottled-sensitive-endpoint
        user = self.get_object()
        user.set_password(request.data["password"])
        user.save()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=False, methods=["get"])
    def export(self, request):  # expect: unthrottled-sensitive-endpoint
        return Response(UserSerializer(self.get_queryset(), many=True).data)


class BaseAuthView(APIView):
    permission_classes = [AllowAny]


class OtpVerifyView(BaseAuthView):  # expect: unthrottled-sensitive-endpoint
    def post(self, request):
        return Response({"ok": check_code(request.data["code"])})


class SignupView(APIView):  # expect: unthrottled-sensitive-endpoint
    # an empty list switches throttling off for this view
    throttle_classes = []

    def post(self, request):
        return Response(status=status.HTTP_201_CREATED)
