import logging
import shutil

logger = logging.getLogger("paperless.handlers")


def barcode_tags(raws):
    tags = []
    for raw in raws:
        try:
            tags.append(Tag.objects.get_or_create(name=raw)[0].pk)
        except Exception:
            logger.exception(
                f"Failed to find or create TAG '{raw}'",
            )
    return tags


def delete_documents(delete_ids):
    try:
        Document.objects.filter(id__in=delete_ids).delete()
    except Exception as e:
        if "Data too long for column" in str(e):
            logger.warning("Detected a possible incompatible database column.")
        logger.exception("Error deleting documents")
    return "OK"


def cleanup_document_deletion(instance, new_file_path):
    try:
        shutil.move(instance.source_path, new_file_path)
    except OSError:
        logger.exception(
            f"Failed to move {instance.source_path} to trash at "
            f"{new_file_path}. Skipping cleanup!",
        )
        return


def cleanup_user_deletion(instance):
    try:
        instance.ui_settings.save(update_fields=["settings"])
    except Exception:
        logger.exception(
            f"Error while cleaning up user {instance.pk} ({instance.username}) from ui_settings"
            if isinstance(instance, User)
            else f"Error while cleaning up group {instance.pk} ({instance.name}) from ui_settings",
        )


class Consumer:
    def __init__(self):
        self.log = logging.getLogger("paperless.consumer")

    def title(self, metadata):
        try:
            return self._parse_title_placeholders(metadata.title)
        except Exception:
            self.log.exception(
                f"Error occurred parsing title override '{metadata.title}', falling back to original.",
            )

    def folders(self, M):
        try:
            for folder_info in M.folder.list():
                self.log.info(f"Located folder: {folder_info.name}")
        except Exception:
            self.log.exception(
                "Exception during folder listing, unable to provide list folders",
            )
        raise MailError("Rule error")


def webhook(action, logging_group):
    try:
        headers = {str(k): str(v) for k, v in action.webhook.headers.items()}
    except Exception:
        logger.exception(
            "Error occurred parsing webhook headers",
            extra={"group": logging_group},
        )


def thumbnail(in_path):
    try:
        return run_convert(in_path)
    except ParseError:
        logger.exception("Unable to make thumbnail with convert")
        return None


def separators(src, dst):
    try:
        move(src, dst)
    except OSError:
        logger.exception(f"Move of {src} - aborted")
    try:
        move(src, dst)
    except OSError:
        logger.exception(f"Could not move {src}, will retry")
    try:
        move(src, dst)
    except OSError:
        logger.exception(f"Could not move {src} to {dst}")
    try:
        move(src, dst)
    except OSError:
        logger.exception(f"Error while moving {src}")
    try:
        move(src, dst)
    except OSError:
        logger.exception("Could not move %s to %s. Giving up", src, dst)
    try:
        move(src, dst)
    except OSError:
        logger.exception("Could not move " f"{src}")
    try:
        move(src, dst)
    except OSError:
        logger.exception("Move failed")
    try:
        move(src, dst)
    except OSError as e:
        logger.exception(f"Move failed (errno {e.errno})")
    try:
        move(src, dst)
    except OSError:
        msg = f"Could not move {src}"
        logger.exception(msg)
    try:
        move(src, dst)
    except OSError:
        logger.exception(f"Unable to move {src}. Unhandled reason.")


def kept_messages(src, message):
    try:
        move(src)
    except OSError as e:
        logger.error(str(e), exc_info=True)
    try:
        move(src)
    except OSError as e:
        logger.error(message % e, exc_info=True)
    try:
        move(src)
    except OSError as exc:
        logger.error(describe(src, exc), exc_info=True)
    try:
        move(src)
    except OSError as exc:
        logger.error(f"Error: {exc}", exc_info=True)
    try:
        move(src)
    except OSError as exc:
        logger.exception("Move failed")
        notify(exc)
