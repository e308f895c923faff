# shipguard-test: no-findings
from django.conf import settings
from django.core.management.base import BaseCommand


def database_config(name):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
        }
    }
    return DATABASES


class Command(BaseCommand):
    def handle(self, *args, **options):
        self.stdout.write(settings.DATABASES["default"]["NAME"])
