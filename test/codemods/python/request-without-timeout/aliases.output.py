import requests as http
from urllib.request import urlopen as open_url


def pull(url, token):
    s = http.Session()
    s.get(url, headers={"Authorization": token}, timeout=10)
    http.post(
        url,
        json={"a": 1},
        timeout=10
    )
    return open_url(url, timeout=10).read()
