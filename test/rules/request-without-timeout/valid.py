# shipguard-test: no-findings
import httpx
import requests
from urllib.request import urlopen


def fetch_rates(currency):
    return requests.get(f"https://api.example.com/rates/{currency}", timeout=5).json()


def ping(opts):
    requests.get("https://status.example.com", **opts)  # the options may carry the timeout
    urlopen("https://example.com/health", timeout=3)
    urlopen("https://example.com/health", None, 3)
    httpx.get("https://example.com")  # httpx has a default timeout


def upload(path):
    with requests.Session() as s:
        s.post("https://files.example.com/upload", files={"f": open(path, "rb")}, timeout=(3, 30))


class Cache:
    def __init__(self):
        self.store = {}

    def get(self, key):
        return self.store.get(key)


def lookup(cache: Cache, session):
    cache.get("k")  # not an HTTP client
    session.get("https://example.com")  # unknown object: not provably requests
    data = {"a": 1}
    return data.get("a")


def forward(url, **kwargs):
    return requests.get(url, **kwargs)  # the caller may pass timeout=


def forward_with_defaults(url, settings):
    options = {"headers": {"Accept": "application/json"}}
    options.update(settings)  # may bring a timeout
    return requests.get(url, **options)


def bounded(url):
    options = {"timeout": 5}
    options["headers"] = {"Accept": "application/json"}
    return requests.get(url, **options)
