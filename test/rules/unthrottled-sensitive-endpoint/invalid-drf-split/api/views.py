from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView


class SessionView(APIView):  # expect: unthrottled-sensitive-endpoint
    """Routed at auth/login/ in urls.py: the route says what it is."""

    def post(self, request):
        return Response(login_user(request))


class LoginView(APIView):  # expect: unthrottled-sensitive-endpoint
    def post(self, request):
        return Response(login_user(request))


class PasswordChangeView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "password"

    def post(self, request):
        return Response(status=204)


class AccountViewSet(viewsets.ModelViewSet):
    # routed at signup/: covered by the project's default anon/user throttles
    def create(self, request):
        return Response(status=201)


class RegisterView(APIView):
    def post(self, request):
        return Response(status=201)
