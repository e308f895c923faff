from rest_framework.generics import get_object_or_404
from rest_framework.viewsets import ViewSet
from rest_framework.response import Response

from accounts.models import Team


class TeamViewSet(ViewSet):
    def retrieve(self, request, pk=None):
        team = get_object_or_404(Team.objects.prefetch_related("members"), pk=pk)
        return Response({"name": team.name, "members": team.members.count()})
