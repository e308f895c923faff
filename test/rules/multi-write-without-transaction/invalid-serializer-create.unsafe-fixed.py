from django.db import transaction
from rest_framework import serializers

from .models import Order, OrderLine


class OrderSerializer(serializers.ModelSerializer):
    lines = serializers.ListField()

    class Meta:
        model = Order
        fields = ["id", "customer", "lines"]

    def create(self, validated_data):  # expect: multi-write-without-transaction
        lines = validated_data.pop("lines")
        with transaction.atomic():
            order = Order.objects.create(**validated_data)
            OrderLine.objects.bulk_create([OrderLine(order=order, **line) for line in lines])
        return order
