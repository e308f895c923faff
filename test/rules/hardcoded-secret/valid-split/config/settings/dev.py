# shipguard-test: no-findings
"""Development settings: a throwaway key and Stripe's test mode."""
from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = "django-insecure-k3#n9vQz!p7Lr2Wx@f5Tb8Yc1Hd4Mg6J"
STRIPE_SECRET_KEY = "sk_test_51Hq2mWdK8fT4nR7xZpL3vB9c"
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop", "PASSWORD": "Pg9#dev!Local2x"}}
