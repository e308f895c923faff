from django.conf import settings
from django.conf.urls.static import static as static_urls
from django.urls import path

from config.settings import base

from . import views

urlpatterns = [path("", views.index)]
if settings.DEBUG:
    urlpatterns += static_urls(  # expect: public-media-serving
        base.MEDIA_URL,
        document_root=base.MEDIA_ROOT,
    )
