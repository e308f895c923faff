# shipguard-test: no-findings
from myshop.db import traced_atomic
from myshop.locks import shop_qs_select_for_update

from .models import Problem


# the parent row is locked through the project's lock helper; the child handed in is serialized by it
def report_problem(shop_id, key):
    with traced_atomic():
        shop_qs_select_for_update().filter(pk=shop_id).first()
        problem = Problem.objects.filter(shop_id=shop_id, key=key).first()
        if problem:
            bump(problem)


def bump(problem):
    problem.count += 1
    problem.save(update_fields=["count"])
