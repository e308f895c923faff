from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class PaymentProvider(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    stripe_connect_account_id = db.Column(db.String())
    stripe_live_webhook_endpoint_secret = db.Column(db.String())
    stripe_livemode = db.Column(db.Boolean(), default=False)
