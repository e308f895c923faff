import asyncio

import nest_asyncio
from flask import Flask, jsonify

from .scraper import scrape_prices

nest_asyncio.apply()  # expect: nest-asyncio

app = Flask(__name__)


@app.route("/prices")
def prices():
    return jsonify(asyncio.run(scrape_prices()))
