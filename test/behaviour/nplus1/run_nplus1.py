"""Queries per request before and after the n-plus-one-query codemod (Debian python3-django).

Ten books, each with its own author and three chapters, in PostgreSQL (the cluster of
test/behaviour/run.sh, from PGHOST/PGPORT/PGUSER/PGDATABASE) or SQLite in memory. Each view of
library/reports.py is called as written (before) and as the codemod rewrote it (after), its queries
counted with django.test.utils.CaptureQueriesContext: before, 1 + one per book (11); after, 2 with
prefetch_related and 1 with select_related, and the same response.

usage: python3 run_nplus1.py --cases DIR --after DIR
"""
import argparse
import importlib.util
import os
import sys

FAILURES = []
BOOKS = 10


def check(label, cond, detail=""):
    print(f"  {'ok  ' if cond else 'FAIL'} {label}{': ' + detail if detail and not cond else ''}")
    if not cond:
        FAILURES.append(label)


def setup(cases):
    sys.path.insert(0, cases)
    import django
    from django.conf import settings

    if os.environ.get("PGHOST"):
        db = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["PGDATABASE"],
            "USER": os.environ["PGUSER"],
            "HOST": os.environ["PGHOST"],
            "PORT": os.environ.get("PGPORT", "5432"),
        }
    else:
        db = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    settings.configure(
        INSTALLED_APPS=["library"],
        DATABASES={"default": db},
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        USE_TZ=True,
    )
    django.setup()
    from django.db import connection

    from library.models import Author, Book, Chapter

    with connection.schema_editor() as editor:
        for m in (Author, Book, Chapter):
            editor.create_model(m)
    for i in range(BOOKS):
        author = Author.objects.create(name=f"Author {i}")
        book = Book.objects.create(title=f"Book {i}", author=author)
        Chapter.objects.bulk_create([Chapter(book=book, number=n) for n in range(1, 4)])
    return connection, (Chapter, Book, Author)


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def count(connection, view):
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as ctx:
        response = view(request)
    return len(ctx.captured_queries), response.content


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True)
    ap.add_argument("--after", required=True)
    args = ap.parse_args()
    connection, models = setup(args.cases)
    print(f"database: {connection.vendor}, {BOOKS} books")
    before = load(os.path.join(args.cases, "library", "reports.py"), "reports_before")
    after = load(os.path.join(args.after, "library", "reports.py"), "reports_after")
    try:
        for name, fixed_queries, how in (("chapter_counts", 2, "prefetch_related"), ("book_authors", 1, "select_related")):
            n_before, body_before = count(connection, getattr(before, name))
            n_after, body_after = count(connection, getattr(after, name))
            print(f"{name}: {n_before} queries before the fix, {n_after} after ({how})")
            check(f"{name} before: 1 + one query per book", n_before == BOOKS + 1, str(n_before))
            check(f"{name} after: {fixed_queries} quer{'ies' if fixed_queries > 1 else 'y'}", n_after == fixed_queries, str(n_after))
            check(f"{name}: the same response before and after", body_before == body_after)
    finally:
        with connection.schema_editor() as editor:
            for m in models:
                editor.delete_model(m)
    if FAILURES:
        print(f"n+1: {len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("n+1: all checks passed")


if __name__ == "__main__":
    main()
