from nest_asyncio import apply as allow_nested

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        allow_nested()  # expect: nest-asyncio
