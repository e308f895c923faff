# shipguard-test: no-findings
from rest_framework.generics import ListAPIView

from .models import Country
from .serializers import CountrySerializer


class CountryList(ListAPIView):
    """The ~250 countries: small and fixed, served in one response on purpose."""

    queryset = Country.objects.all()
    serializer_class = CountrySerializer
    pagination_class = None
