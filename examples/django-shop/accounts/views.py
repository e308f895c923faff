import logging

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from .serializers import LoginSerializer, PasswordResetSerializer
from .services import country_for_ip, ensure_profile
from .throttles import PasswordResetThrottle
from .tokens import issue_access_token

logger = logging.getLogger(__name__)


@api_view(["POST"])
@permission_classes([AllowAny])
def login(request):
    logger.info("Login attempt: %s", request.data)
    serializer = LoginSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = authenticate(
        request,
        username=serializer.validated_data["email"],
        password=serializer.validated_data["password"],
    )
    if user is None:
        return Response({"detail": "Invalid email or password."}, status=status.HTTP_401_UNAUTHORIZED)
    ensure_profile(user)
    country = country_for_ip(request.META.get("REMOTE_ADDR", ""))
    return Response({"access": issue_access_token(user), "country": country})


@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([PasswordResetThrottle])
def password_reset(request):
    serializer = PasswordResetSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = get_user_model().objects.filter(email__iexact=serializer.validated_data["email"]).first()
    if user is not None:
        token = default_token_generator.make_token(user)
        send_mail(
            "Reset your password",
            f"Use this code to reset your password: {token}",
            None,
            [user.email],
        )
    return Response(status=status.HTTP_202_ACCEPTED)
