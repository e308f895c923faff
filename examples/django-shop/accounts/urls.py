from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.login, name="login"),
    path("password/reset/", views.password_reset, name="password-reset"),
]
