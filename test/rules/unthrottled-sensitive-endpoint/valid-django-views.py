# shipguard-test: no-findings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import LoginView
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from .limits import rate_limited


@ratelimit(key="ip", rate="5/m", method="POST", block=True)
def signin(request):
    return HttpResponse()


@rate_limited("10/h")
def resend_verification(request):
    return HttpResponse()


@method_decorator(ratelimit(key="ip", rate="5/m", method="POST"), name="dispatch")
class AccountLoginView(LoginView):
    template_name = "login.html"


class UploadView(View):
    @method_decorator(ratelimit(key="user", rate="20/h"))
    def post(self, request):
        return HttpResponse(status=201)


@require_GET
def password_help(request):
    return HttpResponse("Use the reset form.")


def dashboard(request):
    return HttpResponse()


def helper_login(user):
    # not a view: its first parameter is not the request
    return user


@login_required
def password_change(request):
    # only a logged-in user reaches it (Django's own PasswordChangeView is login_required too)
    request.user.set_password(request.POST["new_password"])
    request.user.save()
    return HttpResponse()


class TokenRegenerateView(LoginRequiredMixin, View):
    def post(self, request):
        return HttpResponse(status=201)


@method_decorator(login_required, name="dispatch")
class VerifyPhoneView(View):
    def post(self, request):
        return HttpResponse()


@staff_member_required
def reset_counters(request):
    return HttpResponse()
