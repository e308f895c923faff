# shipguard-test: no-findings
import pytest
from django.http import HttpResponse
from django.test import Client
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def echo(request):
    return HttpResponse(request.POST["x"])


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)
