"""A DRF view whose dependency fails with a message that holds a secret."""
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.response import Response


def sync_inventory():
    raise RuntimeError("connection to postgres://admin:FAKE-db-pass-42@db.internal:5432/shop refused")


@api_view(["POST"])
def sync(request):
    try:
        sync_inventory()
    except Exception as exc:
        message = f"Sync failed: {exc}"
        return Response({"detail": message}, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    return Response({"ok": True})
