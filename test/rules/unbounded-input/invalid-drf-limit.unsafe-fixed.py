from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .models import Article
from .serializers import ArticleSerializer


def parse_bounded_int(value, maximum=1000):
    """A whole number from the request, clamped to 0..maximum; a 400 for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError("Expected a whole number") from None
    return max(0, min(number, maximum))


@api_view(["GET"])
def latest(request):
    limit = parse_bounded_int(request.query_params.get("limit", 20))  # expect: unbounded-input
    articles = Article.objects.order_by("-published")[:limit]
    return Response(ArticleSerializer(articles, many=True).data)
