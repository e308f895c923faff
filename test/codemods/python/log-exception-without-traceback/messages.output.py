import logging

log = logging.getLogger(__name__)


def run(job, user):
    try:
        job.run()
    except Exception:
        log.exception(f"Job {job.id} failed. Will retry")
    try:
        job.notify()
    except Exception:
        log.exception("Notify failed for user " + user.email)
    try:
        job.bill()
    except Exception:
        log.exception('Billing failed [%s]', job.id)
    try:
        job.close()
    except Exception as exc:
        log.error(f"{exc}", exc_info=True)
    try:
        job.archive()
    except Exception:
        log.exception("Archive of {name} failed".format(name=job.name))
    try:
        job.report()
    except Exception:
        log.fatal("Report crashed", exc_info=True)
    try:
        job.report()
    except Exception:
        log.exception("Progress 100% {done}")
