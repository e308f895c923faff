from django.db import models
from polls.models import Vote


def vote(user, poll, choice):
	if not Vote.objects.filter(user=user, poll=poll).exists():
		Vote.objects.create(user=user, poll=poll, choice=choice)
