"""Production settings of a split settings package (config/settings/{base,dev,test,production}.py)."""
from .base import *  # noqa: F401,F403

SECRET_KEY = "w9!cQ2#rT7zLp4@Xk8$Vn3^Bd6&Hs1*M"  # expect: hardcoded-secret
DEBUG = False

AWS_ACCESS_KEY_ID = "AKIAT5W2R7QZ3K6M4PXN"  # expect: hardcoded-secret
AWS_SECRET_ACCESS_KEY = "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"  # expect: hardcoded-secret
EMAIL_HOST_PASSWORD = "Mg7#qP2!xR9zL4wK"  # expect: hardcoded-secret
SENTRY_AUTH_TOKEN = "sntrys_eyJpYXQiOjE3MDk4NzY1NDMuMTIzLCJ1cmwiOiJodHRwczovL3NlbnRyeS5pbyJ9_q8Lm2vRz7Kp4Wx9Tb3Hn6Yc1J"  # expect: hardcoded-secret
GITHUB_TOKEN = "ghp_R7mQ2vX9kL4pZ8wT3nB6yH1cJ5dF0sA2gE7u"  # expect: hardcoded-secret
