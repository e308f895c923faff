from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path


def login(request):
    request.session["user"] = "ada"
    get_token(request)
    return HttpResponse("logged in")


urlpatterns = [path("login/", login)]
