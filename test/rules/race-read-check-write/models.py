# shipguard-test: no-findings
# The models the fixtures of this folder import (`from .models import ...`): the rule reads their
# relation fields and methods across files.
from django.db import models


class Event(models.Model):
    capacity = models.IntegerField()
    tickets_sold = models.IntegerField(default=0)


class Wallet(models.Model):
    balance = models.IntegerField(default=0)

    def withdraw(self, amount):
        self.balance -= amount
        self.save(update_fields=["balance"])

    def describe(self):
        return f"{self.balance}"


class Order(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE)
    wallet = models.ForeignKey("billing.Wallet", on_delete=models.PROTECT)
    total = models.IntegerField()
    quantity = models.IntegerField()
