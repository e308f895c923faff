import logging

log = logging.getLogger(__name__)


def run(job, user):
    try:
        job.run()
    except Exception as e:
        log.error(f"Job {job.id} failed: {e}. Will retry")
    try:
        job.notify()
    except Exception as e:
        log.error("Notify failed for user " + user.email + ": " + repr(e))
    try:
        job.bill()
    except Exception as exc:
        log.error('Billing failed [%s] (%s)', job.id, exc)
    try:
        job.close()
    except Exception as exc:
        log.error(f"{exc}")
    try:
        job.archive()
    except Exception as exc:
        log.error("Archive of {name} failed: {err}".format(name=job.name, err=exc))
    try:
        job.report()
    except Exception as exc:
        log.fatal(f"Report crashed: {type(exc).__name__}: {exc}")
    try:
        job.report()
    except Exception as exc:
        log.error(f"Progress 100%: {exc} {{done}}")
