import requests
from requests import Session

HTTP_TIMEOUT = None


def fetch_rates(currency):
    return requests.get(f"https://api.example.com/rates/{currency}", timeout=None)  # expect: request-without-timeout


def fetch_invoice(number):
    return requests.get(  # expect: request-without-timeout
        f"https://erp.example.com/invoices/{number}",
        timeout=HTTP_TIMEOUT,
    )


def push(url, payload):
    wait = None
    session = Session()
    return session.post(url, json=payload, timeout=wait)  # expect: request-without-timeout


def download(url, timeout=None):
    # the caller's value: a parameter is not None by itself
    return requests.get(url, timeout=timeout)


def poll(url):
    wait = None
    wait = 5
    return requests.get(url, timeout=wait)


def status(url):
    return requests.head(url, timeout=(3.05, 27))
