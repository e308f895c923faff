"""Token helpers of an API: some read tokens without checking them."""
import datetime

import jwt
import jwt as pyjwt
from django.conf import settings
from jwt import decode as jwt_decode


def issue(user):
    exp = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    return jwt.encode({"sub": str(user.pk), "exp": exp}, settings.JWT_SIGNING_KEY, algorithm="HS256")


def user_id(request):
    token = request.headers["Authorization"].split()[1]
    claims = jwt.decode(token, options={"verify_signature": False})  # expect: jwt-unverified
    return claims["sub"]


def legacy_claims(token):
    return jwt.decode(token, settings.JWT_SIGNING_KEY, verify=False)  # expect: jwt-unverified


def any_algorithm(token):
    return jwt.decode(token, settings.JWT_SIGNING_KEY)  # expect: jwt-unverified


def unsigned_allowed(token):
    return pyjwt.decode(token, settings.JWT_SIGNING_KEY, algorithms=["HS256", "none"])  # expect: jwt-unverified


def aliased(token):
    return jwt_decode(token, options={"verify_signature": False, "verify_exp": True})  # expect: jwt-unverified


class TokenAuthentication:
    def authenticate(self, request):
        raw = request.META.get("HTTP_AUTHORIZATION", "")[7:]
        payload = jwt.decode(  # expect: jwt-unverified
            raw,
            options={"verify_signature": False},
        )
        return payload.get("user_id"), payload


def refresh(token):
    claims = jwt.decode(jwt=token, key=settings.JWT_SIGNING_KEY, verify=False)  # expect: jwt-unverified
    return issue_for(claims)


def issue_for(claims):
    return jwt.encode(claims, settings.JWT_SIGNING_KEY, algorithm="HS256")


def webhook_claims(body):
    return jwt.decode(body, "not-checked", options={"verify_signature": False}, audience="partner")  # expect: jwt-unverified
