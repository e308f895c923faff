# The app's templates post forms without a token: CSRFProtect would answer them 400, so the fix needs input.
import os

from flask import Flask, redirect, render_template, request, session, url_for

from models import save_email, verify_login

app = Flask(__name__)  # expect: csrf-disabled
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST" and verify_login(request.form["email"], request.form["password"]):
        session["user"] = request.form["email"]
        return redirect(url_for("settings"))
    return render_template("login.html")


@app.post("/settings/email")
def change_email():
    save_email(session["user"], request.form["email"])
    return redirect(url_for("settings"))


@app.get("/settings")
def settings():
    return render_template("settings.html")
