"""Production settings of a split settings package (config/settings/{base,dev,test,production}.py)."""
import os

from .base import *  # noqa: F401,F403

SECRET_KEY = os.environ["SECRET_KEY"]  # expect: hardcoded-secret
DEBUG = False

AWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]  # expect: hardcoded-secret
AWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]  # expect: hardcoded-secret
EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]  # expect: hardcoded-secret
SENTRY_AUTH_TOKEN = os.environ["SENTRY_AUTH_TOKEN"]  # expect: hardcoded-secret
GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]  # expect: hardcoded-secret
