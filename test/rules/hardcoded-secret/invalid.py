"""Settings of a Django shop: keys pasted in during the first deploy."""
import os

import boto3
import stripe
from slack_sdk import WebClient

SECRET_KEY = "k3#n9vQz!p7Lr2Wx@f5Tb8Yc1Hd4Mg6J"  # expect: hardcoded-secret
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

STRIPE_API_KEY = "sk_live_u8jzPde0IgxLd6GncfBAepfJ"  # expect: hardcoded-secret
STRIPE_WEBHOOK_SECRET = "whsec_IBXuDL7DxtpYlSXpfKtHF4vUCsMehGAk"  # expect: hardcoded-secret
stripe.api_key = "rk_live_Bd0Kh8oOOL8dKLzdocJ2isAj"  # expect: hardcoded-secret

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "Tr0ub4dor&3xq9Lm",  # expect: hardcoded-secret
    }
}

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAFQXKWOVOMPZOM7WB",  # expect: hardcoded-secret
    aws_secret_access_key="E1SkHbn88HxjSI6bWHtPzJr4i0B3JrTAwR4y9o",  # expect: hardcoded-secret
)

slack = WebClient(token="xoxb-2048613094-8731605512-IxNKu8iS2G8NPRVdD53X83")  # expect: hardcoded-secret
GOOGLE_MAPS_KEY = "AIzazJr4i0B3JrTAwR4y9ojfljoQoaF1LlqsajA"  # expect: hardcoded-secret


def github_client(token="ghp_Wvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedU"):  # expect: hardcoded-secret
    return token
