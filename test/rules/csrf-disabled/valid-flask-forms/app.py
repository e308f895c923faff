# shipguard-test: no-findings
from flask import Flask, redirect, render_template, request
from flask_wtf import FlaskForm
from wtforms import StringField

app = Flask(__name__)


class EmailForm(FlaskForm):
    email = StringField("email")


@app.route("/settings/email", methods=["GET", "POST"])
def change_email():
    form = EmailForm()
    # the form checks its own CSRF token
    if form.validate_on_submit():
        app.logger.info("new address %s", request.form["email"])
        return redirect("/settings")
    return render_template("email.html", form=form)


@app.route("/search")
def search():
    return render_template("results.html", q=request.form.get("q"))
