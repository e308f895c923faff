"""Replayed Stripe webhook deliveries against a Django view (PostgreSQL, Debian python3-stripe).

One process per version of the code (`before`: as written, `after`: the codemod's output), since
both define the Django app `billing`. The event is signed locally with Stripe's scheme
(`t=<timestamp>,v1=<HMAC-SHA256 of "<t>.<payload>">`, stripe.WebhookSignature), so
stripe.Webhook.construct_event accepts it without any network. Deliveries:
  1. the same signed event twice in a row (a Stripe retry, a dashboard resend);
  2. another event delivered twice at the same moment (two threads, a barrier);
  3. a wrong signature (must stay 400 and credit nothing).
Before the fix each delivery credits the account; after it, each event credits it once and the
replay is answered 200.

usage: python3 run_webhooks.py --app-root DIR --label before|after   (PGHOST, PGPORT, PGUSER, PGDATABASE)
"""
import argparse
import json
import os
import sys
import threading
import time

FAILURES = []
SECRET = "whsec_behaviour_test_secret"
CREDITS = 100


def check(label, cond, detail=""):
    print(f"  {'ok  ' if cond else 'FAIL'} {label}{': ' + detail if detail and not cond else ''}")
    if not cond:
        FAILURES.append(label)


def signed(event_id, customer):
    import stripe

    payload = json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": "checkout.session.completed",
            "data": {"object": {"id": "cs_test_1", "object": "checkout.session", "customer": customer, "metadata": {"credits": str(CREDITS)}}},
        }
    )
    t = int(time.time())
    sig = stripe.WebhookSignature._compute_signature(f"{t}.{payload}", SECRET)
    return payload, f"t={t},v1={sig}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app-root", required=True)
    ap.add_argument("--label", required=True)
    args = ap.parse_args()
    fixed = args.label == "after"
    sys.path.insert(0, args.app_root)

    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="behaviour",
        ALLOWED_HOSTS=["*"],
        INSTALLED_APPS=["billing"],
        STRIPE_WEBHOOK_SECRET=SECRET,
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "HOST": os.environ.get("PGHOST", "127.0.0.1"),
                "PORT": os.environ.get("PGPORT", "5432"),
                "USER": os.environ.get("PGUSER", "postgres"),
                "NAME": os.environ.get("PGDATABASE", "postgres"),
            }
        },
        USE_TZ=True,
    )
    django.setup()
    from django.db import connection
    from django.test import RequestFactory

    from billing import views
    from billing.models import Account, ProcessedStripeEvent

    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS billing_account, billing_processedstripeevent")
    with connection.schema_editor() as ed:
        ed.create_model(Account)
        ed.create_model(ProcessedStripeEvent)
    rf = RequestFactory()

    def deliver(payload, header):
        req = rf.post("/webhooks/stripe", data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
        return views.stripe_webhook(req).status_code

    def credits(customer):
        return Account.objects.get(stripe_customer_id=customer).credits

    print(f"webhooks {args.label}:")
    # 1. the same event twice in a row
    Account.objects.create(stripe_customer_id="cus_seq")
    payload, header = signed("evt_seq_1", "cus_seq")
    codes = [deliver(payload, header), deliver(payload, header)]
    got = credits("cus_seq")
    print(f"  {args.label}: 2 deliveries of evt_seq_1 -> statuses {codes}, account credited {got // CREDITS} time(s) ({got} credits)")
    check(f"{args.label}: both deliveries answered 200", codes == [200, 200], str(codes))
    check(f"{args.label}: the account is credited {'once' if fixed else 'twice (the bug)'}", got == (CREDITS if fixed else 2 * CREDITS), str(got))

    # 2. the same event twice at the same moment
    Account.objects.create(stripe_customer_id="cus_par")
    payload, header = signed("evt_par_1", "cus_par")
    barrier = threading.Barrier(2)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(deliver(payload, header))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    got = credits("cus_par")
    print(f"  {args.label}: 2 concurrent deliveries of evt_par_1 -> statuses {sorted(results)}, account credited {got // CREDITS} time(s) ({got} credits)")
    check(f"{args.label}: both concurrent deliveries answered 200", sorted(results) == [200, 200], str(results))
    check(f"{args.label}: concurrent deliveries credit {'once' if fixed else 'twice (the bug)'}", got == (CREDITS if fixed else 2 * CREDITS), str(got))

    # 3. a forged signature still answers 400 and credits nothing
    Account.objects.create(stripe_customer_id="cus_bad")
    payload, _ = signed("evt_bad_1", "cus_bad")
    code = deliver(payload, f"t={int(time.time())},v1={'0' * 64}")
    check(f"{args.label}: a wrong signature answers 400 and credits nothing", code == 400 and credits("cus_bad") == 0, f"{code} {credits('cus_bad')}")
    if fixed:
        check("after: one processed-event row per event id", ProcessedStripeEvent.objects.count() == 2, str(ProcessedStripeEvent.objects.count()))

    if FAILURES:
        print(f"webhooks {args.label}: {len(FAILURES)} check(s) failed")
        sys.exit(1)
    print(f"webhooks {args.label}: all checks passed")


if __name__ == "__main__":
    main()
