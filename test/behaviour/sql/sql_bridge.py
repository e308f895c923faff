"""Carries out one query for the JS drivers the shared install lacks (see run_sql.js).

stdin: {"engine": "sqlite" | "postgres", "sql": "...", "params": [...]}; stdout: {"rows": [...]} or {"error": "..."}.
sqlite: the text and `?` values go to sqlite3 as they are (SQLITE_PATH names the database file).
postgres: the text is prepared on the server (PREPARE with its $1..$n) and run with the values as the
statement's parameters (EXECUTE), which is what node-postgres's extended protocol does; PG* name the server.
"""
import json
import os
import sqlite3
import sys


def main():
    req = json.load(sys.stdin)
    sql, params = req["sql"], req.get("params") or []
    try:
        if req["engine"] == "sqlite":
            conn = sqlite3.connect(os.environ["SQLITE_PATH"])
            cur = conn.execute(sql, params)
        else:
            import psycopg2

            conn = psycopg2.connect(host=os.environ["PGHOST"], port=os.environ["PGPORT"], user=os.environ["PGUSER"], dbname=os.environ["PGDATABASE"])
            cur = conn.cursor()
            cur.execute("PREPARE q AS " + sql)
            cur.execute("EXECUTE q" + (" (" + ", ".join(["%s"] * len(params)) + ")" if params else ""), params)
        cols = [d[0] for d in cur.description or []]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()] if cols else []
        json.dump({"rows": rows}, sys.stdout)
    except Exception as e:  # the database refused the query: the JS side gets the error as the driver would throw it
        json.dump({"error": f"{type(e).__name__}: {e}"}, sys.stdout)


if __name__ == "__main__":
    main()
