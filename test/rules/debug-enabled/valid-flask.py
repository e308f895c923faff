# shipguard-test: no-findings
import os

from flask import Flask


class Runner:
    debug = False

    def run(self, debug=False):
        return debug


app = Flask(__name__)
app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"
app.debug = False
runner = Runner()
runner.run(debug=True)
runner.debug = True
if __name__ == "__main__":
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
    DEBUG = True
