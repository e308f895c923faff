# shipguard-test: no-findings
import asyncio

import nest_asyncio

nest_asyncio.apply()


def test_quote(request):
    asyncio.get_event_loop().run_until_complete(asyncio.sleep(0))
