"""payment-id-not-unique behaviour on PostgreSQL: store one payment intent twice with the model
before and after the fix, and migrate to the fixed model over a table holding a duplicate."""
import argparse
import json
import os
import shutil
import subprocess
import sys

import psycopg2


def child(project, db, action):
    sys.path.insert(0, project)
    from django.conf import settings

    settings.configure(
        SECRET_KEY="behaviour-suite-only", INSTALLED_APPS=["billing"], USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        DATABASES={"default": {"ENGINE": "django.db.backends.postgresql", "NAME": db, "USER": os.environ["PGUSER"],
                               "HOST": os.environ["PGHOST"], "PORT": os.environ["PGPORT"]}},
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import IntegrityError, transaction

    out = {}
    try:
        call_command("makemigrations", "billing", verbosity=0)
        call_command("migrate", verbosity=0)
        out["migrate"] = "ok"
    except IntegrityError as e:
        out["migrate"] = "IntegrityError: " + str(e).splitlines()[0]
        print(json.dumps(out))
        return
    if action == "dup":
        from billing.models import Payment

        Payment.objects.create(order_ref="A-1", stripe_payment_intent_id="pi_3Nabc", amount_cents=4200)
        try:
            with transaction.atomic():
                Payment.objects.create(order_ref="A-1-retry", stripe_payment_intent_id="pi_3Nabc", amount_cents=4200)
            out["second"] = "stored"
        except IntegrityError:
            out["second"] = "IntegrityError"
        out["rows"] = Payment.objects.filter(stripe_payment_intent_id="pi_3Nabc").count()
    print(json.dumps(out))


def project(work, name, models):
    d = os.path.join(work, name)
    os.makedirs(os.path.join(d, "billing"), exist_ok=True)
    open(os.path.join(d, "billing", "__init__.py"), "w").close()
    shutil.copy(models, os.path.join(d, "billing", "models.py"))
    return d


def run(d, db, action):
    out = subprocess.run([sys.executable, __file__, "--child", d, "--db", db, "--action", action], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"child failed: {d} {action}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    for a in ("--before", "--after", "--work", "--child", "--db", "--action"):
        ap.add_argument(a)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.db, a.action)
        return
    conn = psycopg2.connect(dbname=os.environ["PGDATABASE"], user=os.environ["PGUSER"], host=os.environ["PGHOST"], port=os.environ["PGPORT"])
    conn.autocommit = True
    with conn.cursor() as cur:
        for db in ("pay_before", "pay_after"):
            cur.execute(f"DROP DATABASE IF EXISTS {db}")
            cur.execute(f"CREATE DATABASE {db}")
    before = run(project(a.work, "before", a.before), "pay_before", "dup")
    print(f"before: second payment with the same intent id: {before['second']} ({before['rows']} rows)")
    # the fix's migration over the table that now holds the duplicate
    upgrade_dir = os.path.join(a.work, "before")
    shutil.copy(a.after, os.path.join(upgrade_dir, "billing", "models.py"))
    upgrade = run(upgrade_dir, "pay_before", "migrate")
    print(f"fix's migration over the duplicate rows: {upgrade['migrate']}")
    after = run(project(a.work, "after", a.after), "pay_after", "dup")
    print(f"after: second payment with the same intent id: {after['second']} ({after['rows']} row)")
    bad = []
    if before != {"migrate": "ok", "second": "stored", "rows": 2}:
        bad.append(f"before: {before}")
    if not upgrade["migrate"].startswith("IntegrityError"):
        bad.append(f"upgrade: {upgrade}")
    if after != {"migrate": "ok", "second": "IntegrityError", "rows": 1}:
        bad.append(f"after: {after}")
    for m in bad:
        print(f"FAIL {m}")
    if bad:
        raise SystemExit(1)
    print("payment-id-not-unique: ok")


if __name__ == "__main__":
    main()
