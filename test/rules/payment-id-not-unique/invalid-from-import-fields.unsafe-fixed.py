from django.db.models import CASCADE, CharField, ForeignKey, Model


class Charge(Model):
    customer = ForeignKey("billing.Customer", on_delete=CASCADE)
    stripe_charge_id = CharField(  # expect: payment-id-not-unique
        max_length=64,
        help_text="ch_... from Stripe",
        unique=True,
    )
