"""Models for the behaviour suite (created with the schema editor, no migrations)."""
from django.db import models


class Event(models.Model):
    name = models.CharField(max_length=100)
    capacity = models.IntegerField()
    tickets_sold = models.IntegerField(default=0)

    class Meta:
        app_label = "shop"

    @property
    def available_tickets(self):
        return self.capacity - self.tickets_sold


class TicketOrder(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE)
    buyer = models.CharField(max_length=100)
    quantity = models.IntegerField()

    class Meta:
        app_label = "shop"


class Article(models.Model):
    slug = models.CharField(max_length=100, unique=True)
    views = models.IntegerField(default=0)

    class Meta:
        app_label = "shop"


class Vote(models.Model):
    user = models.CharField(max_length=100)
    poll = models.CharField(max_length=100)
    choice = models.CharField(max_length=100)

    class Meta:
        app_label = "shop"
        constraints = [models.UniqueConstraint(fields=["user", "poll"], name="one_vote_per_poll")]
