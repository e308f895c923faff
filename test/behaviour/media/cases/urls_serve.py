from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.static import serve


def home(request):
    return HttpResponse("home")


urlpatterns = [path("", home)]

urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
