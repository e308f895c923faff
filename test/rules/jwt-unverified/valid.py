# shipguard-test: no-findings
"""Verified decodes, header peeks, and other `decode` methods."""
import base64
import json

import jwt
from django.conf import settings
from jwt import PyJWKClient

jwks = PyJWKClient("https://login.example.com/.well-known/jwks.json")


def verified(token):
    return jwt.decode(token, settings.JWT_SIGNING_KEY, algorithms=["HS256"])


def with_audience(token):
    return jwt.decode(token, settings.JWT_SIGNING_KEY, algorithms=["HS256"], audience="api", options={"require": ["exp"]})


def from_jwks(token):
    key = jwks.get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=["RS256"])


def header_only(token):
    return jwt.get_unverified_header(token)["kid"]


def kwargs_pass_through(token, **kwargs):
    return jwt.decode(token, settings.JWT_SIGNING_KEY, **kwargs)


def not_jwt(data):
    return base64.b64decode(data).decode("utf-8"), json.loads(data), data.decode()


def bytes_decode(raw: bytes):
    return raw.decode("ascii")


def verify_on(token):
    return jwt.decode(token, settings.JWT_SIGNING_KEY, algorithms=["HS512"], options={"verify_signature": True})


def is_partner_token(token):
    """Routes the token to the partner's verifier: the claims authenticate nothing here."""
    try:
        payload = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return False
    return payload.get("iss") == "partner"
