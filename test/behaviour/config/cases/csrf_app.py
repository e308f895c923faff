"""A small account page: a form that changes the account's e-mail address."""
import os

from flask import Flask, redirect, render_template_string, request, session

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]

EMAILS = {}
PAGE = """<form method="post" action="/settings/email">
  <input type="hidden" name="csrf_token" value="{{ csrf_token() if csrf_token is defined else '' }}">
  <input name="email">
</form>"""


@app.get("/login")
def login():
    session["user"] = "ada"
    return "logged in"


@app.get("/settings")
def settings():
    return render_template_string(PAGE)


@app.route("/settings/email", methods=["POST"])
def change_email():
    EMAILS[session.get("user")] = request.form["email"]
    return redirect("/settings")
