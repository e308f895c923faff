# shipguard-test: no-findings
from django.core.cache import caches
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle


class LoginThrottle(SimpleRateThrottle):
    scope = "login"
    cache = caches["throttle"]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class BurstThrottle(ScopedRateThrottle):
    cache = caches["throttle"]

    def allow_request(self, request, view):
        if request.user.is_staff:
            return True
        return super().allow_request(request, view)
