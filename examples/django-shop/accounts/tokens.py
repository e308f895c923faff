"""Short-lived access tokens for the mobile app and the SPA."""
from datetime import datetime, timedelta, timezone

import jwt
from django.conf import settings


def issue_access_token(user):
    now = datetime.now(timezone.utc)
    claims = {
        "sub": str(user.pk),
        "email": user.email,
        "iat": now,
        "exp": now + timedelta(minutes=settings.JWT_ACCESS_TTL_MINUTES),
    }
    return jwt.encode(claims, settings.JWT_SIGNING_KEY, algorithm="HS256")


def read_access_token(token):
    return jwt.decode(token, settings.JWT_SIGNING_KEY, algorithms=["HS256"])
