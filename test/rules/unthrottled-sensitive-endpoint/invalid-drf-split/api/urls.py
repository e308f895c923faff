from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register(r"signup", views.AccountViewSet, basename="signup")

urlpatterns = [
    path("auth/login/", views.SessionView.as_view()),
    path("", include(router.urls)),
]
