from django.db import models as m


class TopUp(m.Model):
    wallet = m.ForeignKey("wallets.Wallet", on_delete=m.CASCADE)
    checkout_session_id = m.CharField(max_length=200)  # expect: payment-id-not-unique
    amount = m.IntegerField()
