# shipguard-test: no-findings
from django.db import IntegrityError, transaction

from .models import Audio, Follow, Page, Preference, Profile, Subscription, User, Vote


# 1. get_or_create
def vote(user, poll, choice):
    Vote.objects.get_or_create(user=user, poll=poll, defaults={"choice": choice})


# 2. update_or_create
def subscribe(user, plan):
    Subscription.objects.update_or_create(user=user, defaults={"plan": plan})


# 3. the seed's fix: the parent row locked first inside atomic
def generate_audio(page, voice):
    with transaction.atomic():
        page_locked = type(page).objects.select_for_update().get(pk=page.pk)
        existing = Audio.objects.filter(page=page_locked, voice=voice).first()
        if existing:
            raise ValueError("audio already exists")
        return Audio.objects.create(page=page_locked, voice=voice)


# 4. insert first, handle the unique violation
def follow(user, target):
    try:
        with transaction.atomic():
            Follow.objects.create(follower=user, target=target)
    except IntegrityError:
        pass


# 5. different models in the check and the create
def first_vote_bonus(user, poll):
    if not Vote.objects.filter(user=user).exists():
        Profile.objects.create(user=user, bonus=10)


# 6. different lookup: the create does not carry the checked field
def audit(user, poll):
    if not Vote.objects.filter(poll=poll, flagged=True).exists():
        Vote.objects.create(user=user, choice=None)


# 7. exists() used to update, not create
def bump(user):
    if Subscription.objects.filter(user=user).exists():
        Subscription.objects.filter(user=user).update(seen=True)


# 8. the check leads to an early return but nothing is created afterwards
def has_voted(user, poll):
    if Vote.objects.filter(user=user, poll=poll).exists():
        return True
    return False


# 9. try/get whose except does not create
def profile_or_none(user):
    try:
        return Profile.objects.get(user=user)
    except Profile.DoesNotExist:
        return None


# update-else-create under a row lock on the parent: serialized
def set_preference_locked(user_id, key, value):
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        pref = Preference.objects.filter(user=user, key=key).first()
        if pref:
            pref.value = value
            pref.save()
        else:
            Preference.objects.create(user=user, key=key, value=value)


# already one query
def set_preference_once(user, key, value):
    Preference.objects.update_or_create(user=user, key=key, defaults={"value": value})
