from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView


class LogoUpload(APIView):
    parser_classes = [MultiPartParser]

    def put(self, request, pk):
        company = self.get_object(pk)
        logo = request.data["logo"]
        company.logo.save(logo.name, logo, save=True)  # expect: image-metadata-not-stripped
        return Response(status=204)
