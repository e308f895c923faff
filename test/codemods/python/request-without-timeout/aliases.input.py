import requests as http
from urllib.request import urlopen as open_url


def pull(url, token):
    s = http.Session()
    s.get(url, headers={"Authorization": token})
    http.post(
        url,
        json={"a": 1}
    )
    return open_url(url).read()
