from django.db.models import Count
from rest_framework import permissions, viewsets

from .models import Project
from .serializers import ProjectSerializer


class ProjectViewSet(viewsets.ModelViewSet):  # expect: unpaginated-list
    permission_classes = (permissions.IsAuthenticated,)
    serializer_class = ProjectSerializer

    def get_queryset(self):
        return Project.objects.annotate(n_tasks=Count("tasks")).filter(members=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
