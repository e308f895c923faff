"""Counters on nullable columns."""
from django.db import models
from django.db.models import Q


class Article(models.Model):
    title = models.CharField(max_length=200, null=True)
    views = models.IntegerField(null=True)


class Coupon(models.Model):
    code = models.CharField(max_length=20)
    redemptions = models.IntegerField(null=True)


def record_view(article_id):
    article = Article.objects.get(pk=article_id)
    article.views = (article.views or 0) + 1  # expect: lost-update-increment
    article.save()


def redeem(code):
    coupon = Coupon.objects.filter(Q(code=code)).first()
    coupon.redemptions = 1 + (coupon.redemptions or 0)  # expect: lost-update-increment
    coupon.save(update_fields=["redemptions"])
    return coupon.redemptions


def label(article):
    # strings are not counters
    article.title = (article.title or "") + " (updated)"
    article.save()
