import logging

import jwt
from django.contrib.auth import get_user_model
from rest_framework import authentication, exceptions

from .tokens import read_access_token

logger = logging.getLogger(__name__)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Access tokens we issue ourselves (accounts.tokens)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header.startswith(f"{self.keyword} "):
            return None
        try:
            claims = read_access_token(header.split(" ", 1)[1])
        except jwt.PyJWTError:
            raise exceptions.AuthenticationFailed("Invalid or expired token")
        return self._user_for(claims["sub"]), claims

    def _user_for(self, user_id):
        User = get_user_model()
        try:
            return User.objects.get(pk=user_id, is_active=True)
        except User.DoesNotExist:
            raise exceptions.AuthenticationFailed("Unknown user")


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    """Tokens minted by the box-office partner's identity service."""

    def authenticate(self, request):
        token = request.headers.get("X-Partner-Token")
        if not token:
            return None
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.DecodeError:
            raise exceptions.AuthenticationFailed("Malformed partner token")
        User = get_user_model()
        user = User.objects.filter(email__iexact=claims.get("email", "")).first()
        if user is None:
            raise exceptions.AuthenticationFailed("Unknown partner user")
        return user, claims
