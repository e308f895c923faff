import logging

log = logging.getLogger(__name__)


def run(job, user):
    try:
        job.run()
    except Exception as e:
        log.exception(f"Job {job.id} failed. Will retry")
    try:
        job.notify()
    except Exception as e:
        log.exception("Notify failed for user " + user.email)
    try:
        job.bill()
    except Exception as exc:
        log.exception('Billing failed [%s]', job.id)
    try:
        job.close()
    except Exception as exc:
        log.exception("Unexpected error in run")
    try:
        job.archive()
    except Exception as exc:
        log.exception("Archive of {name} failed".format(name=job.name))
    try:
        job.report()
    except Exception as exc:
        log.fatal("Report crashed", exc_info=True)
    try:
        job.report()
    except Exception as exc:
        log.exception("Progress 100% {done}")
