from django.contrib.auth import authenticate, login as auth_login
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from .mixins import PermissionDeniedMessageMixin


def signin(request):  # expect: unthrottled-sensitive-endpoint
    if request.method == "POST":
        user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
        if user:
            auth_login(request, user)
            return redirect("home")
    return render(request, "signin.html")


@require_POST
def resend_verification(request):  # expect: unthrottled-sensitive-endpoint
    request.user.send_verification_email()
    return JsonResponse({"sent": True})


class AccountLoginView(LoginView):  # expect: unthrottled-sensitive-endpoint
    template_name = "login.html"


class UploadView(View):  # expect: unthrottled-sensitive-endpoint
    def post(self, request):
        handle(request.FILES["file"])
        return HttpResponse(status=201)


class ForgotPasswordView(PasswordResetView):  # expect: unthrottled-sensitive-endpoint
    email_template_name = "reset_email.txt"


@csrf_protect
@never_cache
def reset_password(request):  # expect: unthrottled-sensitive-endpoint
    # other decorators do not make it an authenticated endpoint
    send_reset_email(request.POST["email"])
    return HttpResponse(status=202)


class SignupView(PermissionDeniedMessageMixin, View):  # expect: unthrottled-sensitive-endpoint
    def post(self, request):
        return HttpResponse(status=201)
