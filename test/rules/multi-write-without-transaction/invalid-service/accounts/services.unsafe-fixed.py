from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Membership, Profile

User = get_user_model()


@transaction.atomic
def register_user(email, password, team):  # expect: multi-write-without-transaction
    user = User.objects.create_user(email=email, password=password)
    Profile.objects.create(user=user, display_name=email.split("@")[0])
    Membership.objects.create(user=user, team=team, role="member")
    return user
