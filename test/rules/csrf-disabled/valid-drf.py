# shipguard-test: no-findings
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView


@csrf_exempt
@api_view(["POST"])
def create_note(request):
    return Response({"text": request.data["text"]}, status=201)


@method_decorator(csrf_exempt, name="dispatch")
class NotesView(APIView):
    def post(self, request):
        return Response(request.data, status=201)
