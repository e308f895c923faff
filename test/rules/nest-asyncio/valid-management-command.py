# shipguard-test: no-findings
import asyncio

from django.core.management.base import BaseCommand

from catalog.sync import pull_supplier_feeds


class Command(BaseCommand):
    help = "Pull every supplier feed"

    def handle(self, *args, **options):
        loop = asyncio.new_event_loop()
        loop.run_until_complete(pull_supplier_feeds())
        self.stdout.write("done")
