from django.urls import path

from . import views

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("events/<slug:slug>/waitlist/", views.waitlist, name="event-waitlist"),
    path("events/<int:event_id>/purchase/", views.purchase_tickets, name="event-purchase"),
    path("events/<int:event_id>/checkout/", views.CheckoutView.as_view(), name="event-checkout"),
    path("orders/", views.my_orders, name="my-orders"),
    path("orders/<int:pk>/", views.order_detail, name="order-detail"),
]
