from django.db import models, transaction
from polls.models import Vote


@transaction.atomic
def vote(user, poll, choice):
	Vote.objects.get_or_create(user=user, poll=poll, defaults={"choice": choice})
