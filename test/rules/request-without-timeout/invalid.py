import urllib.request
import requests as r
from requests import get as http_get, Session
from urllib.request import urlopen


def fetch_rates(currency):
    resp = r.get(f"https://api.example.com/rates/{currency}")  # expect: request-without-timeout
    return resp.json()


def ping():
    http_get("https://status.example.com")  # expect: request-without-timeout
    urlopen("https://example.com/health")  # expect: request-without-timeout
    urllib.request.urlopen("https://example.com/ready", None)  # expect: request-without-timeout


def upload(path, token):
    with r.Session() as s:
        s.headers["Authorization"] = f"Bearer {token}"
        s.post(  # expect: request-without-timeout
            "https://files.example.com/upload",
            files={"file": open(path, "rb")},
        )


class ErpClient:
    def __init__(self, base):
        self.base = base
        self.session = Session()

    def order(self, order_id):
        return self.session.get(f"{self.base}/orders/{order_id}").json()  # expect: request-without-timeout

    def cancel(self, order_id):
        return self.session.request("DELETE", f"{self.base}/orders/{order_id}")  # expect: request-without-timeout


def webhook(url, payload):
    sess = r.session()
    return sess.put(url, json=payload, headers={"X-Sig": "1"})  # expect: request-without-timeout


def notify_slack(channel_url, text, token=None):
    options = {"json": {"text": text}}
    if token:
        options["headers"] = {"Authorization": f"Bearer {token}"}
    return r.post(channel_url, **options)  # expect: request-without-timeout
