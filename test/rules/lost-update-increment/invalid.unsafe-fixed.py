from celery import shared_task
from django.db import models
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Article, Coupon, Product, Profile


# 1. view counter, object not used afterwards
def record_view(request, slug):
    article = get_object_or_404(Article, slug=slug)
    article.views = models.F("views") + 1  # expect: lost-update-increment
    article.save(update_fields=["views"])
    return JsonResponse({"ok": True})


# 2. x = x + k form, used afterwards: refresh_from_db
def redeem(code):
    coupon = Coupon.objects.get(code=code)
    coupon.redeemed = models.F("redeemed") + 1  # expect: lost-update-increment
    coupon.save(update_fields=["redeemed"])
    coupon.refresh_from_db(fields=["redeemed"])
    return coupon


# 3. decrement with a compound amount and another changed field
class CheckoutView(View):
    def post(self, request, product_id):
        product = Product.objects.get(pk=product_id)
        product.last_sold_at = request.POST["at"]
        product.stock = models.F("stock") - (int(request.POST["qty"]) * 2)  # expect: lost-update-increment
        product.save(update_fields=["last_sold_at", "stock"])
        return JsonResponse({"ok": True})


# 4. the object comes from the request: save() keeps its arguments, refresh afterwards
def spend_credit(request):
    request.user.profile.credits = models.F("credits") - 1  # expect: lost-update-increment
    request.user.profile.save()
    request.user.profile.refresh_from_db(fields=["credits"])
    return JsonResponse({"credits": request.user.profile.credits})


# 5. model method on self
class Counter(models.Model):
    hits = models.IntegerField(default=0)

    def hit(self):
        self.hits = models.F("hits") + 1  # expect: lost-update-increment
        self.save(update_fields=["hits"])
        self.refresh_from_db(fields=["hits"])


# 6. DRF viewset action
class ArticleViewSet(viewsets.ModelViewSet):
    @action(detail=True, methods=["post"])
    def like(self, request, pk=None):
        article = self.get_object()
        article.likes = models.F("likes") + 1  # expect: lost-update-increment
        article.save(update_fields=["likes"])
        article.refresh_from_db(fields=["likes"])
        return Response({"likes": article.likes})


# 7. Celery task
@shared_task
def add_points(profile_id, points):
    profile = Profile.objects.filter(pk=profile_id).first()
    profile.points = models.F("points") + points  # expect: lost-update-increment
    profile.save(update_fields=["points"])


# 8. serializer update
class ProductSerializer(serializers.ModelSerializer):
    def update(self, instance, validated_data):
        instance.stock = models.F("stock") + validated_data.pop("restock", 0)  # expect: lost-update-increment
        instance.save()
        instance.refresh_from_db(fields=["stock"])
        return instance


# 9. two counters on one object
def score(profile_id):
    profile = Profile.objects.get(pk=profile_id)
    profile.games = models.F("games") + 1  # expect: lost-update-increment
    profile.points = models.F("points") + 10  # expect: lost-update-increment
    profile.save(update_fields=["games", "points"])
