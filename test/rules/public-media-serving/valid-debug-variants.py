# shipguard-test: no-findings
from django.conf import settings
from django.conf.urls.static import static
from django.urls import path, re_path
from django.views.static import serve

from . import views

DEBUG = settings.DEBUG

urlpatterns = [path("", views.index)] + (static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) if settings.DEBUG else [])

if not settings.DEBUG:
    urlpatterns += [path("health/", views.health)]
else:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

if DEBUG and "debug_toolbar" in settings.INSTALLED_APPS:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
