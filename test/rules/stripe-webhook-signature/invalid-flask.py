from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/stripe/webhook", methods=["POST"])
def stripe_webhook():
    event = request.get_json()  # expect: stripe-webhook-signature
    if event["type"] == "checkout.session.completed":
        mark_paid(event["data"]["object"]["client_reference_id"])
    return jsonify(success=True)


@app.post("/billing/events2")
def billing_events_json():
    body = request.json  # expect: stripe-webhook-signature
    handle_stripe_event(body)
    return "", 200


def handle_stripe_event(event):
    if event["type"] == "invoice.paid":
        mark_paid(event["data"]["object"]["id"])


def mark_paid(ref):
    pass
