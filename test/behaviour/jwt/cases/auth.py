"""Bearer-token authentication of an API, as the codemod receives it."""
import os

import jwt

SIGNING_KEY = os.environ["JWT_SIGNING_KEY"]


def issue(user_id):
    return jwt.encode({"sub": user_id}, SIGNING_KEY, algorithm="HS256")


def user_from_token(token):
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]
