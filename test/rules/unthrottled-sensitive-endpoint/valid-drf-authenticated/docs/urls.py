# shipguard-test: no-findings
from django.urls import path

from . import views

urlpatterns = [
    path("token/", views.GenerateAuthTokenView.as_view()),
    path("documents/remove_password/", views.RemovePasswordDocumentsView.as_view()),
    path("auth/login/", views.LoginView.as_view()),
    path("auth/register/", views.register),
]
