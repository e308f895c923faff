from django.db.models import Count
from rest_framework import permissions, viewsets
from rest_framework.pagination import PageNumberPagination

from .models import Project
from .serializers import ProjectSerializer


class StandardResultsSetPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ProjectViewSet(viewsets.ModelViewSet):  # expect: unpaginated-list
    pagination_class = StandardResultsSetPagination
    permission_classes = (permissions.IsAuthenticated,)
    serializer_class = ProjectSerializer

    def get_queryset(self):
        return Project.objects.annotate(n_tasks=Count("tasks")).filter(members=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
