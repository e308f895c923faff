from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Article
from .serializers import ArticleSerializer


@api_view(["GET"])
def latest(request):
    limit = int(request.query_params.get("limit", 20))  # expect: unbounded-input
    articles = Article.objects.order_by("-published")[:limit]
    return Response(ArticleSerializer(articles, many=True).data)
