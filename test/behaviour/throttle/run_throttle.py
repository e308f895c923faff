"""Behaviour of the throttle fixes against the real frameworks.

  flask <dir> <expect>        6 login POSTs through Flask's test client; prints the status codes
  factory <dir>               6 login POSTs to an app made by shop.create_app() (blueprint routes)
  process <dir> <n>           n POSTs to /subscribe from this process (one app process of two)
  drf <dir>                   6 login POSTs through Django's test client, settings loaded by Django
The status codes are printed as JSON; the shell script compares them.
"""
import importlib
import json
import os
import sys


def flask_app(folder):
    sys.path.insert(0, folder)
    return importlib.import_module("app").app


def main():
    mode, folder = sys.argv[1], sys.argv[2]
    if mode == "flask":
        client = flask_app(folder).test_client()
        print(json.dumps([client.post("/login", data={"password": "guess"}).status_code for _ in range(6)]))
    elif mode == "factory":
        sys.path.insert(0, folder)
        client = importlib.import_module("shop").create_app().test_client()
        print(json.dumps([client.post("/account/login", data={"password": "guess"}).status_code for _ in range(6)]))
    elif mode == "process":
        client = flask_app(folder).test_client()
        print(json.dumps([client.post("/subscribe").status_code for _ in range(int(sys.argv[3]))]))
    elif mode == "drf":
        sys.path.insert(0, folder)
        os.environ["DJANGO_SETTINGS_MODULE"] = "proj.settings"
        import django

        django.setup()
        from django.test import Client

        client = Client()
        print(json.dumps([client.post("/auth/login/", {"password": "guess"}).status_code for _ in range(6)]))


if __name__ == "__main__":
    main()
