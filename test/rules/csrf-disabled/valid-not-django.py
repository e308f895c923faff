# shipguard-test: no-findings
"""The project's own marker decorator that happens to share the name: not Django's."""


def csrf_exempt(view):
    view.csrf_checked_elsewhere = True
    return view


@csrf_exempt
def report(request):
    return request.user
