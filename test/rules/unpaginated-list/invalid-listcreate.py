from rest_framework import generics

from .models import Comment
from .serializers import CommentSerializer


class CommentListCreate(generics.ListCreateAPIView):  # expect: unpaginated-list
    queryset = Comment.objects.select_related("author")
    serializer_class = CommentSerializer
