from rest_framework import generics
from rest_framework.pagination import PageNumberPagination

from .models import Comment
from .serializers import CommentSerializer


class StandardResultsSetPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CommentListCreate(generics.ListCreateAPIView):  # expect: unpaginated-list
    pagination_class = StandardResultsSetPagination
    queryset = Comment.objects.select_related("author")
    serializer_class = CommentSerializer
