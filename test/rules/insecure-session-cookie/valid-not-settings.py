# shipguard-test: no-findings
"""A script that talks to the admin over HTTP; its constants are not Django settings."""
import requests

SESSION_COOKIE_SECURE = False
DEBUG = True


def login(url, user, password):
    return requests.post(url, data={"user": user, "password": password}, timeout=10)
