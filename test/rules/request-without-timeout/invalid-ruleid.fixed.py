# Written like another linter's rule test: its annotations are comments, not evidence of test code.
import requests


def fetch_user(user_id):
    # ruleid: request-without-timeout
    return requests.get(f"https://api.example.com/users/{user_id}", timeout=10)  # expect: request-without-timeout


def fetch_team(team_id):
    # ok: request-without-timeout
    return requests.get(f"https://api.example.com/teams/{team_id}", timeout=5)
