from flask import Flask, redirect, request


class ShopFlask(Flask):
    """Sessions and templates configured for the shop."""

    jinja_options = {**Flask.jinja_options, "trim_blocks": True}


app = ShopFlask(__name__)  # expect: csrf-disabled


@app.route("/cart/checkout", methods=["POST"])
def checkout():
    app.logger.info("order for %s", request.form["address"])
    return redirect("/thanks")
