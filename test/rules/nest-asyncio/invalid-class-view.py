import asyncio

from django.shortcuts import render
from django.views import View

from .feeds import fetch_feeds


class DashboardView(View):
    template_name = "dashboard.html"

    def get(self, request):
        feeds = asyncio.get_event_loop().run_until_complete(fetch_feeds(request.user.id))  # expect: nest-asyncio
        return render(request, self.template_name, {"feeds": feeds})
