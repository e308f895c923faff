"""A view counter incremented in Python."""
from shop.models import Article


def record_view(slug):
    article = Article.objects.get(slug=slug)
    article.views += 1
    article.save()
