import logging

import structlog
from flask import Flask, request as flask_request

logger = logging.getLogger(__name__)
audit = structlog.get_logger()
app = Flask(__name__)


def login(request):
    username = request.POST["username"]
    password = request.POST["password"]
    logger.info(f"Login attempt for {username} with password [REDACTED]")  # expect: sensitive-data-in-logs
    logger.debug("Login payload: %s", sorted(request.POST))  # expect: sensitive-data-in-logs
    return authenticate(username, password)


def issue_token(user):
    token = create_token(user)
    logger.info("Issued token %s for user %s", "[REDACTED]", user.id)  # expect: sensitive-data-in-logs
    audit.info("token_issued", user_id=user.id, access_token="[REDACTED]")  # expect: sensitive-data-in-logs
    return token


def connect_stripe(settings):
    logging.warning("Using Stripe key [REDACTED]")  # expect: sensitive-data-in-logs


def webhook(request):
    logger.info("Webhook headers: %s", sorted(request.headers.keys()))  # expect: sensitive-data-in-logs
    logger.info("Webhook raw body: %s", len(request.body))  # expect: sensitive-data-in-logs


def charge(payment):
    logger.info("Charging card", extra={"card_number": "[REDACTED]", "amount": payment["amount"]})  # expect: sensitive-data-in-logs


@app.post("/api/keys")
def create_key():
    data = flask_request.get_json()
    app.logger.info("Creating key with %s", "[REDACTED]")  # expect: sensitive-data-in-logs
    return {"ok": True}


class ResetView:
    logger = logging.getLogger("accounts")

    def post(self, request):
        self.logger.warning("Reset requested with otp=%s", "[REDACTED]")  # expect: sensitive-data-in-logs
