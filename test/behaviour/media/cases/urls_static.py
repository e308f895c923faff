from django.conf import settings
from django.conf.urls.static import static
from django.http import HttpResponse
from django.urls import path


def home(request):
    return HttpResponse("home")


urlpatterns = [
    path("", home),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
