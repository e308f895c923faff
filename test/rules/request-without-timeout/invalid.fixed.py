import urllib.request
import requests as r
from requests import get as http_get, Session
from urllib.request import urlopen


def fetch_rates(currency):
    resp = r.get(f"https://api.example.com/rates/{currency}", timeout=10)  # expect: request-without-timeout
    return resp.json()


def ping():
    http_get("https://status.example.com", timeout=10)  # expect: request-without-timeout
    urlopen("https://example.com/health", timeout=10)  # expect: request-without-timeout
    urllib.request.urlopen("https://example.com/ready", None, timeout=10)  # expect: request-without-timeout


def upload(path, token):
    with r.Session() as s:
        s.headers["Authorization"] = f"Bearer {token}"
        s.post(  # expect: request-without-timeout
            "https://files.example.com/upload",
            files={"file": open(path, "rb")},
            timeout=10,
        )


class ErpClient:
    def __init__(self, base):
        self.base = base
        self.session = Session()

    def order(self, order_id):
        return self.session.get(f"{self.base}/orders/{order_id}", timeout=10).json()  # expect: request-without-timeout

    def cancel(self, order_id):
        return self.session.request(
            "DELETE", f"{self.base}/orders/{order_id}", timeout=10
        )  # expect: request-without-timeout


def webhook(url, payload):
    sess = r.session()
    return sess.put(url, json=payload, headers={"X-Sig": "1"}, timeout=10)  # expect: request-without-timeout


def notify_slack(channel_url, text, token=None):
    options = {"json": {"text": text}}
    if token:
        options["headers"] = {"Authorization": f"Bearer {token}"}
    return r.post(channel_url, **options, timeout=10)  # expect: request-without-timeout
