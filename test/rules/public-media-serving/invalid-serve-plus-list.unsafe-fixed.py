from django.conf import settings
from django.urls import path
from django.views import static as static_views

from . import views

urlpatterns = [path("", views.index)]

if settings.DEBUG:
    urlpatterns += [path("uploads/<path:path>", static_views.serve, {"document_root": settings.MEDIA_ROOT})]  # expect: public-media-serving
