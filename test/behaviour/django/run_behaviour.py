"""
Behaviour suite for the Django locking fixes: runs each case module as written
(`before`) and as rewritten by the shipguard codemod (`after`) against a real
PostgreSQL, with several concurrent callers in threads, each thread on its own
database connection (Django keeps one connection per thread).

Every SELECT is followed by a short pause (a connection execute_wrapper), so all
callers read before any of them writes: the race window of a busy production
server, made reliable. A `SELECT ... FOR UPDATE` waits in the database for the
lock before the pause, so fixed code is serialized and stays correct.

usage: python3 run_behaviour.py --before DIR --after DIR --host H --port P --db NAME --user U
"""
import argparse
import importlib.util
import os
import sys
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

PAUSE_AFTER_SELECT = 0.15
THREADS = 8


def setup_django(args):
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["shop"],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": args.db,
                "USER": args.user,
                "HOST": args.host,
                "PORT": str(args.port),
                "CONN_MAX_AGE": 0,
            }
        },
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()
    from django.db import connection
    from shop import models

    with connection.schema_editor() as editor:
        for m in (models.Event, models.TicketOrder, models.Article, models.Vote):
            editor.create_model(m)


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def slow_selects(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql.lstrip().upper().startswith("SELECT"):
        time.sleep(PAUSE_AFTER_SELECT)
    return result


def run_concurrently(fn, args_list):
    """Calls fn(*args) in one thread per args tuple, all released together. Returns (results, errors)."""
    from django.db import connection

    barrier = threading.Barrier(len(args_list))
    results, errors = [], []
    lock = threading.Lock()

    def worker(a):
        try:
            barrier.wait()
            with connection.execute_wrapper(slow_selects):
                r = fn(*a)
            with lock:
                results.append(r)
        except Exception as e:  # noqa: BLE001 - the scenario counts every failure
            with lock:
                errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(a,)) for a in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results, errors


def scenario_tickets(mod, capacity):
    from django.core.exceptions import ValidationError
    from shop.models import Event, TicketOrder

    event = Event.objects.create(name=f"gig-{capacity}", capacity=capacity)
    results, errors = run_concurrently(mod.create_ticket_order, [(f"buyer{i}", event.id, 1) for i in range(THREADS)])
    unexpected = [e for e in errors if not isinstance(e, ValidationError)]
    event.refresh_from_db()
    orders = TicketOrder.objects.filter(event=event).count()
    return {"capacity": capacity, "orders": orders, "tickets_sold": event.tickets_sold, "unexpected_errors": [repr(e) for e in unexpected]}


def scenario_counter(mod):
    from shop.models import Article

    Article.objects.create(slug="hello")
    results, errors = run_concurrently(mod.record_view, [("hello",) for _ in range(THREADS)])
    return {"views": Article.objects.get(slug="hello").views, "expected": THREADS, "errors": [repr(e) for e in errors]}


def scenario_votes(mod):
    from shop.models import Vote

    results, errors = run_concurrently(mod.vote, [("ann", "best-talk", f"talk-{i}") for i in range(THREADS)])
    return {"rows": Vote.objects.filter(user="ann", poll="best-talk").count(), "errors": [type(e).__name__ for e in errors]}


def scenario_reserve(mod):
    from shop.models import Event

    event = Event.objects.create(name="lock", capacity=100)
    results, errors = run_concurrently(mod.reserve, [(event.id,) for _ in range(THREADS)])
    event.refresh_from_db()
    return {"tickets_sold": event.tickets_sold, "errors": sorted({type(e).__name__ for e in errors})}


def reset():
    from shop.models import Article, Event, TicketOrder, Vote

    TicketOrder.objects.all().delete()
    Event.objects.all().delete()
    Article.objects.all().delete()
    Vote.objects.all().delete()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--before", required=True)
    p.add_argument("--after", required=True)
    p.add_argument("--host", required=True)
    p.add_argument("--port", required=True, type=int)
    p.add_argument("--db", required=True)
    p.add_argument("--user", required=True)
    args = p.parse_args()
    setup_django(args)

    failures = []

    def check(name, cond, detail):
        status = "ok  " if cond else "FAIL"
        print(f"  [{status}] {name}: {detail}", flush=True)
        if not cond:
            failures.append(name)

    for variant in ("before", "after"):
        base = getattr(args, variant)
        tickets = load(os.path.join(base, "tickets.py"), f"tickets_{variant}")
        counters = load(os.path.join(base, "counters.py"), f"counters_{variant}")
        votes = load(os.path.join(base, "votes.py"), f"votes_{variant}")
        reserve = load(os.path.join(base, "reserve.py"), f"reserve_{variant}")
        print(f"{variant} the codemods ({base}):", flush=True)

        for capacity in (2, 5):
            reset()
            r = scenario_tickets(tickets, capacity)
            if variant == "before":
                check(f"race-read-check-write oversells (capacity {capacity})", r["orders"] > capacity, r)
            else:
                check(
                    f"race-read-check-write never oversells (capacity {capacity})",
                    r["orders"] == capacity and r["tickets_sold"] == capacity and not r["unexpected_errors"],
                    r,
                )

        reset()
        r = scenario_counter(counters)
        if variant == "before":
            check("lost-update-increment loses increments", r["views"] < THREADS, r)
        else:
            check("lost-update-increment counts every view", r["views"] == THREADS and not r["errors"], r)

        reset()
        r = scenario_votes(votes)
        if variant == "before":
            # the unique constraint turns the duplicate into failed requests (IntegrityError -> HTTP 500)
            check("check-then-create fails concurrent callers", r["rows"] == 1 and "IntegrityError" in r["errors"], r)
        else:
            check("check-then-create: one row, no failed caller", r["rows"] == 1 and not r["errors"], r)

        reset()
        r = scenario_reserve(reserve)
        if variant == "before":
            check("select-for-update-outside-atomic raises", r["errors"] == ["TransactionManagementError"] and r["tickets_sold"] == 0, r)
        else:
            check("select-for-update-outside-atomic works once atomic", r["tickets_sold"] == THREADS and not r["errors"], r)

    if failures:
        print(f"{len(failures)} behaviour check(s) failed: {', '.join(failures)}")
        sys.exit(1)
    print("all Django behaviour checks passed")


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
        sys.exit(2)
