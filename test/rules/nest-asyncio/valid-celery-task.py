# shipguard-test: no-findings
import asyncio

from celery import shared_task

from .crawler import crawl


@shared_task
def crawl_site(url):
    return asyncio.new_event_loop().run_until_complete(crawl(url))
