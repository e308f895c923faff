# shipguard-test: no-findings
import secrets

from flask import Flask, abort, redirect, request, session


class CTFFlask(Flask):
    pass


app = CTFFlask(__name__)


@app.before_request
def csrf():
    # the app's own CSRF check: a nonce in the session, sent back with every form
    if not session.get("nonce"):
        session["nonce"] = secrets.token_hex(16)
    if request.method == "POST" and session["nonce"] != request.form.get("nonce"):
        abort(403)


@app.route("/challenges/submit", methods=["POST"])
def submit():
    app.logger.info("flag %s", request.form["flag"])
    return redirect("/challenges")
