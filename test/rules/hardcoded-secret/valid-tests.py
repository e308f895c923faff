# shipguard-test: no-findings
"""Test keys in test code are left alone."""
import pytest
import stripe

STRIPE_API_KEY = "sk_test_u8jzPde0IgxLd6GncfBAepfJ"
SECRET_KEY = "k3#n9vQz!p7Lr2Wx@f5Tb8Yc1Hd4Mg6J"


@pytest.fixture
def stripe_key():
    stripe.api_key = "sk_live_Bd0Kh8oOOL8dKLzdocJ2isAj"
    return stripe.api_key
