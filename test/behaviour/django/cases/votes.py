"""One vote per user and poll, checked in Python before the insert."""
from shop.models import Vote


def vote(user, poll, choice):
    if not Vote.objects.filter(user=user, poll=poll).exists():
        Vote.objects.create(user=user, poll=poll, choice=choice)
