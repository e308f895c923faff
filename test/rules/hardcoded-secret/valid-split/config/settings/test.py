# shipguard-test: no-findings
from .base import *  # noqa: F401,F403

SECRET_KEY = "q8$Lm2!vRz7@Kp4#Wx9&Tb3*Hn6^Yc1J"
STRIPE_SECRET_KEY = "sk_test_u8jzPde0IgxLd6GncfBAepfJ"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
