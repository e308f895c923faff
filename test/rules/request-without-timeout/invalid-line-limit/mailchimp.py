"""Mailchimp calls of a Flask app whose flake8 keeps lines to 88 columns (setup.cfg)."""
import logging

import requests
from requests.auth import HTTPBasicAuth

log = logging.getLogger(__name__)


def ping(dc, mailchimp_api_key):
    url = f"https://{dc}.api.mailchimp.com/3.0/ping"
    response = requests.get(url, auth=HTTPBasicAuth("anystring", mailchimp_api_key))  # expect: request-without-timeout
    return response.status_code == 200


def list_name(dc, list_id, mailchimp_api_key):
    url = f"https://{dc}.api.mailchimp.com/3.0/lists/{list_id}"
    try:
        if list_id:
            response = requests.get(  # expect: request-without-timeout
                url, auth=HTTPBasicAuth("anystring", mailchimp_api_key)
            )
            return response.json()["name"]
    except requests.RequestException:
        log.warning(f"Could not read the Mailchimp list {list_id} of data centre {dc}, skipping it")  # noqa: E501
    return None


def subscribe(dc, list_id, email, first_name, last_name, mailchimp_api_key, tags):
    members = f"https://{dc}.api.mailchimp.com/3.0/lists/{list_id}/members"
    merge_fields = {"FNAME": first_name, "LNAME": last_name}
    return requests.post(members, json={"email_address": email, "merge_fields": merge_fields, "tags": tags}, auth=("key", mailchimp_api_key))  # expect: request-without-timeout


def unsubscribe(dc, list_id, member_hash, mailchimp_api_key):
    return requests.delete(  # expect: request-without-timeout
        f"https://{dc}.api.mailchimp.com/3.0/lists/{list_id}/members/{member_hash}",
        auth=("key", mailchimp_api_key),
    )
