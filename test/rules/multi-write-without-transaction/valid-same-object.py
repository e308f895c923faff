# shipguard-test: no-findings
from django.shortcuts import get_object_or_404, redirect

from .models import Article


def publish(request, pk):
    article = get_object_or_404(Article, pk=pk, author=request.user)
    article.status = "published"
    article.save()
    article.published_by = request.user
    article.save(update_fields=["published_by"])
    return redirect(article)
