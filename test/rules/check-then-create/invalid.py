from celery import shared_task
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import JsonResponse
from django.views import View
from rest_framework import serializers
from rest_framework.views import APIView

from .models import Audio, Follow, Profile, Subscription, Vote


# 1. the canonical shape
def vote(user, poll, choice):
    if not Vote.objects.filter(user=user, poll=poll).exists():  # expect: check-then-create
        Vote.objects.create(user=user, poll=poll, choice=choice)


# 2. guard clause, create afterwards (class-based view)
class FollowView(View):
    def post(self, request, target_id):
        if Follow.objects.filter(follower=request.user, target_id=target_id).exists():  # expect: check-then-create
            return JsonResponse({"error": "already following"}, status=409)
        Follow.objects.create(follower=request.user, target_id=target_id)
        return JsonResponse({"ok": True}, status=201)


# 3. try/get, except DoesNotExist/create
def profile_for(user):
    try:
        profile = Profile.objects.get(user=user)  # expect: check-then-create
    except Profile.DoesNotExist:
        profile = Profile.objects.create(user=user, plan="free")
    return profile


# 4. first() is None, the created row kept in a variable
@shared_task
def subscribe(user_id, plan):
    if Subscription.objects.filter(user_id=user_id).first() is None:  # expect: check-then-create
        sub = Subscription.objects.create(user_id=user_id, plan=plan)
        sub.activate()


# 5. a local holding the lookup (the seed's duplicate audio)
def generate_audio(page, voice):
    existing = Audio.objects.filter(page=page, voice=voice).first()  # expect: check-then-create
    if existing:
        raise ValueError("audio already exists")
    return Audio.objects.create(page=page, voice=voice, status="pending")


# 6. serializer create()
class VoteSerializer(serializers.ModelSerializer):
    def create(self, validated_data):
        if Vote.objects.filter(user=validated_data["user"], poll=validated_data["poll"]).exists():  # expect: check-then-create
            raise serializers.ValidationError("already voted")
        return Vote.objects.create(**validated_data)


# 7. count() == 0
class SubscribeView(APIView):
    def post(self, request):
        if Subscription.objects.filter(user=request.user).count() == 0:  # expect: check-then-create
            Subscription.objects.create(user=request.user, plan="trial")
        return JsonResponse({"ok": True})


# 8. ObjectDoesNotExist, a different name in the except body
def ensure_follow(user, target):
    try:
        Follow.objects.get(follower=user, target=target)  # expect: check-then-create
    except ObjectDoesNotExist:
        Follow.objects.create(follower=user, target=target)
