# shipguard-test: no-findings
"""Settings read from the environment; names and values that look like secrets but are not."""
import os
import uuid

import environ

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY")
STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]
STRIPE_PUBLIC_KEY = "pk_live_u8jzPde0IgxLd6GncfBAepfJ"
STRIPE_PUBLISHABLE_KEY = "pk_live_Bd0Kh8oOOL8dKLzdocJ2isAj"
GITHUB_TOKEN_ENV = "GITHUB_ACCESS_TOKEN"
AUTH_TOKEN_HEADER = "HTTP_X_AUTH_TOKEN_Q2"
PASSWORD_RESET_TIMEOUT = 259200
SECRET_KEY_FALLBACKS = []
API_KEY_NAME = "X-Api-Key-Header01"
TOKEN_TYPE = "Bearer"
AWS_EXAMPLE = "AKIAIOSFODNN7EXAMPLE"
STRIPE_SECRET_KEY_PLACEHOLDER = "sk_live_..."
DB_PASSWORD = "changeme-please-123"
ANOTHER_PASSWORD = "<your-password-here>"
WEBHOOK_SECRET = "your-webhook-secret-here"
INSTALLATION_TOKEN = str(uuid.uuid4())
SESSION_TOKEN_ID = "3f0e2a8c-5b7d-4c1e-9f6a-2d8b7c4e1a90"
ACCESS_TOKEN = "0e2a8c5b-7d4c-1e9f-6a2d-8b7c4e1a90ff"
API_URL = "https://api.example.com/v1/tokens"
PRIVATE_KEY_PATH = "/etc/ssl/private/shop.pem"
password_field = "password"
NEXT_TOKEN = "NextToken"
INTEGRITY = "sha512-Q2x7vKp9Lm3Nw8Rt4Yb6Hc1Jd5Fg0Sa2Ze7Xu3Ii9Oo4Pq8Ww1Ee6Rr5Tt0Yy"


def login_form():
    return {"type": "password", "name": "password", "placeholder": "Your password"}


def page_token(response):
    return response.get("NextToken", "")


class AccountErrorCode:
    INVALID_PASSWORD = "invalid_password"
    ACCOUNT_SET_CUSTOMER_PASSWORD = "account_set_customer_password"
