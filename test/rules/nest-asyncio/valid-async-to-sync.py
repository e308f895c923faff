# shipguard-test: no-findings
from asgiref.sync import async_to_sync
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .tracking import track_all


@api_view(["GET"])
def tracking(request):
    return Response(async_to_sync(track_all)(request.query_params.getlist("n")))
