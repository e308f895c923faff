"""Billing service: accounts, subscriptions, prepaid credits and invoices."""
import json
import logging
import os
import subprocess

import requests
from flask import Flask, abort, jsonify, request, send_from_directory, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from werkzeug.security import check_password_hash
from werkzeug.utils import secure_filename

import payments
from storage import USERS_FILE, add_credits, load_users, record_usage

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("billing")

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("FLASK_SECRET_KEY", "dev-secret-change-me")
app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024

csrf = CSRFProtect(app)
limiter = Limiter(
    get_remote_address,
    app=app,
    default_limits=["300 per hour"],
    storage_uri="memory://",
)

UPLOAD_DIR = os.environ.get("UPLOAD_DIR", "/var/lib/billing/uploads")
INVOICE_DIR = os.environ.get("INVOICE_DIR", "/var/lib/billing/invoices")
SALES_WEBHOOK_URL = os.environ.get("SALES_WEBHOOK_URL")
RATES_URL = "https://api.exchangerate.host/latest?base=USD"

CREDIT_PACKS = {
    "small": {"id": "small", "credits": 100, "amount_cents": 900},
    "large": {"id": "large", "credits": 1200, "amount_cents": 9000},
}


def current_user():
    email = session.get("email")
    if not email:
        abort(401)
    user = load_users().get(email)
    if user is None:
        abort(401)
    return email, user


def notify_sales(text):
    if SALES_WEBHOOK_URL:
        requests.post(SALES_WEBHOOK_URL, json={"text": text})


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.post("/login")
def login():
    body = request.get_json(force=True)
    user = load_users().get(body.get("email", "").lower())
    if user is None or not check_password_hash(user["password_hash"], body.get("password", "")):
        return jsonify(error="Invalid email or password"), 401
    session["email"] = body["email"].lower()
    return jsonify(email=session["email"], plan=user.get("plan"))


@app.post("/subscribe")
@limiter.limit("5 per minute")
def subscribe():
    email, _ = current_user()
    plan = request.get_json(force=True).get("plan")
    if plan not in payments.PLANS:
        return jsonify(error="Unknown plan"), 400

    with open(USERS_FILE) as f:
        users = json.load(f)
    user = users[email]
    if not user.get("stripe_customer_id"):
        customer = payments.create_customer(email, user["id"])
        user["stripe_customer_id"] = customer.id
    subscription = payments.start_subscription(user["stripe_customer_id"], plan, user["id"])
    user["plan"] = plan
    user["subscription_id"] = subscription.id
    with open(USERS_FILE, "w") as f:
        json.dump(users, f, indent=2)

    notify_sales(f"{email} subscribed to {plan}")
    return jsonify(subscription_id=subscription.id, status=subscription.status)


@app.post("/credits/<pack_id>/purchase/<purchase_id>")
@limiter.limit("10 per minute")
def buy_credits(pack_id, purchase_id):
    email, user = current_user()
    pack = CREDIT_PACKS.get(pack_id)
    if pack is None:
        abort(404)
    intent = payments.buy_credit_pack(user["stripe_customer_id"], {**pack, "purchase_id": purchase_id})
    return jsonify(client_secret=intent.client_secret)


@app.post("/upload")
@limiter.limit("20 per hour")
def upload_receipt():
    email, _ = current_user()
    file = request.files.get("file")
    if file is None or file.filename == "":
        return jsonify(error="No file"), 400
    try:
        destination = os.path.join(UPLOAD_DIR, email, file.filename)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        file.save(destination)
    except OSError as e:
        logger.exception("Receipt upload failed")
        return jsonify(error=str(e)), 500
    record_usage(email, 1)
    return jsonify(stored=os.path.basename(destination)), 201


@app.post("/avatar")
@limiter.limit("20 per hour")
def upload_avatar():
    email, _ = current_user()
    file = request.files.get("avatar")
    if file is None:
        return jsonify(error="No file"), 400
    if file.mimetype not in ("image/jpeg", "image/png", "image/webp"):
        return jsonify(error="Avatars must be JPEG, PNG or WebP images"), 415
    filename = secure_filename(file.filename or "")
    if not filename:
        return jsonify(error="Invalid file name"), 400
    file.save(os.path.join(UPLOAD_DIR, "avatars", filename))
    return jsonify(stored=filename), 201


@app.post("/invoices/<invoice_id>/render")
def render_invoice(invoice_id):
    email, _ = current_user()
    html_path = os.path.join(INVOICE_DIR, f"{invoice_id}.html")
    pdf_path = os.path.join(INVOICE_DIR, f"{invoice_id}.pdf")
    try:
        subprocess.run(f"wkhtmltopdf --quiet {html_path} {pdf_path}", shell=True, check=True)
    except subprocess.CalledProcessError as e:
        app.logger.error(f"Invoice render failed for {invoice_id}: {e}")
        return jsonify(error="Could not render invoice"), 500
    return jsonify(pdf=f"/invoices/{invoice_id}.pdf")


@app.get("/invoices/<path:name>")
def download_invoice(name):
    current_user()
    return send_from_directory(INVOICE_DIR, name)


@app.get("/rates")
def rates():
    try:
        response = requests.get(RATES_URL, timeout=5)
        response.raise_for_status()
    except requests.RequestException:
        logger.exception("Exchange rates unavailable")
        return jsonify(error="Rates unavailable"), 503
    return jsonify(response.json().get("rates", {}))


@app.post("/webhooks/stripe")
@csrf.exempt
def stripe_webhook():
    event = json.loads(request.data)

    if event["type"] == "checkout.session.completed":
        data = event["data"]["object"]
        pack = CREDIT_PACKS.get(data["metadata"].get("pack_id"))
        if pack:
            add_credits(data["customer_email"], pack["credits"])
    elif event["type"] == "customer.subscription.deleted":
        try:
            cancel_plan(event["data"]["object"]["customer"])
        except (KeyError, OSError) as e:
            logger.error("Could not cancel plan: " + str(e))
            return jsonify(received=True, processed=False)
    return jsonify(received=True)


def cancel_plan(stripe_customer_id):
    with open(USERS_FILE) as f:
        users = json.load(f)
    for user in users.values():
        if user.get("stripe_customer_id") == stripe_customer_id:
            user["plan"] = None
            user.pop("subscription_id", None)
    with open(USERS_FILE, "w") as f:
        json.dump(users, f, indent=2)


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)
