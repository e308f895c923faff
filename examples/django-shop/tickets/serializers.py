from rest_framework import serializers

from .models import Event, TicketOrder


class EventSerializer(serializers.ModelSerializer):
    venue = serializers.StringRelatedField()
    available_tickets = serializers.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = ["id", "slug", "name", "venue", "starts_at", "price_cents", "currency", "available_tickets"]


class PurchaseSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=10)


class TicketOrderSerializer(serializers.ModelSerializer):
    event = EventSerializer(read_only=True)

    class Meta:
        model = TicketOrder
        fields = ["id", "event", "quantity", "amount_cents", "status", "created_at"]


class WaitlistSerializer(serializers.Serializer):
    email = serializers.EmailField()
