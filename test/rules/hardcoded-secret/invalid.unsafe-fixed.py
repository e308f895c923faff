"""Settings of a Django shop: keys pasted in during the first deploy."""
import os

import boto3
import stripe
from slack_sdk import WebClient

SECRET_KEY = os.environ["SECRET_KEY"]  # expect: hardcoded-secret
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]  # expect: hardcoded-secret
STRIPE_WEBHOOK_SECRET = os.environ["STRIPE_WEBHOOK_SECRET"]  # expect: hardcoded-secret
stripe.api_key = os.environ["STRIPE_RESTRICTED_KEY"]  # expect: hardcoded-secret

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": os.environ["DATABASE_PASSWORD"],  # expect: hardcoded-secret
    }
}

s3 = boto3.client(
    "s3",
    aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],  # expect: hardcoded-secret
    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],  # expect: hardcoded-secret
)

slack = WebClient(token=os.environ["SLACK_TOKEN"])  # expect: hardcoded-secret
GOOGLE_MAPS_KEY = os.environ["GOOGLE_MAPS_KEY"]  # expect: hardcoded-secret


def github_client(token=os.environ["GITHUB_TOKEN"]):  # expect: hardcoded-secret
    return token
