# shipguard-test: no-findings
import asyncio

from app.jobs import backfill


def main():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(backfill())


if __name__ == "__main__":
    main()
