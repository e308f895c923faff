# shipguard-test: no-findings
"""A literal default of an environment lookup is insecure-secret-fallback's finding, not this rule's."""
import os

SECRET_KEY = os.environ.get("SECRET_KEY", "k3#n9vQz!p7Lr2Wx@f5Tb8Yc1Hd4Mg6J")
STRIPE_API_KEY = os.getenv("STRIPE_API_KEY") or "sk_live_u8jzPde0IgxLd6GncfBAepfJ"
