# shipguard-test: no-findings
from rest_framework import generics, viewsets
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import BasePermission, IsAdminUser, IsAuthenticated
from rest_framework.views import APIView

from .throttles import LoginRateThrottle


@api_view(["POST"])
@throttle_classes([LoginRateThrottle])
def login(request):
    return Response({})


class PasswordResetView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "password_reset"

    def post(self, request):
        return Response(status=202)


class RegisterView(generics.CreateAPIView):
    throttle_classes = [AnonRateThrottle]


class ThrottledBase(APIView):
    throttle_classes = [UserRateThrottle]


class OtpVerifyView(ThrottledBase):
    def post(self, request):
        return Response({})


class UserViewSet(viewsets.ModelViewSet):
    @action(detail=True, methods=["post"], throttle_classes=[ScopedRateThrottle], throttle_scope="password")
    def set_password(self, request, pk=None):
        return Response(status=204)

    @action(detail=False, methods=["get"])
    def recent(self, request):
        return Response([])


class TokenView(APIView):
    # reading a token list is not where brute force happens
    def get(self, request):
        return Response([])


@api_view(["GET"])
def verify_status(request):
    return Response({"verified": request.user.is_verified})


class ProfileView(APIView):
    def post(self, request):
        return Response({})


class AdminExportView(APIView):
    # staff-only tools are not reachable by scripts
    permission_classes = [IsAdminUser]

    def post(self, request):
        return Response(status=202)


class LoginSerializer(AuthTokenSerializer):
    # a serializer of rest_framework.authtoken is no endpoint
    def create(self, validated_data):
        return validated_data


class TokenDetailView(APIView):
    def delete(self, request, pk):
        return Response(status=204)


class IsTeamMember(BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.team_id is not None


class TokenViewSet(viewsets.ModelViewSet):
    # API tokens of the logged-in user: a custom BasePermission requires the user
    permission_classes = [IsTeamMember]

    @action(detail=False, methods=["post"], url_path="reset-password")
    def reset_password(self, request):
        return Response(status=204)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def verify_email(request):
    return Response({})
