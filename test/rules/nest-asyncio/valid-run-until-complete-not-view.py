# shipguard-test: no-findings
import asyncio

from django.views import View


class Loader:
    def get(self, request):
        return asyncio.new_event_loop().run_until_complete(request.fetch())


class Health(View):
    def warmup(self):
        asyncio.new_event_loop().run_until_complete(asyncio.sleep(0))
