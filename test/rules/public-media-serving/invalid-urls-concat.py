from django.conf import settings
from django.conf.urls.static import static
from django.urls import path

from shop import views

urlpatterns = [
    path("", views.home, name="home"),
    path("cart/", views.cart, name="cart"),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)  # expect: public-media-serving
