import logging
import shutil

logger = logging.getLogger("paperless.handlers")


def barcode_tags(raws):
    tags = []
    for raw in raws:
        try:
            tags.append(Tag.objects.get_or_create(name=raw)[0].pk)
        except Exception as e:
            logger.error(
                f"Failed to find or create TAG '{raw}' because: {e}",
            )
    return tags


def delete_documents(delete_ids):
    try:
        Document.objects.filter(id__in=delete_ids).delete()
    except Exception as e:
        if "Data too long for column" in str(e):
            logger.warning("Detected a possible incompatible database column.")
        logger.error(f"Error deleting documents: {e!s}")
    return "OK"


def cleanup_document_deletion(instance, new_file_path):
    try:
        shutil.move(instance.source_path, new_file_path)
    except OSError as e:
        logger.error(
            f"Failed to move {instance.source_path} to trash at "
            f"{new_file_path}: {e}. Skipping cleanup!",
        )
        return


def cleanup_user_deletion(instance):
    try:
        instance.ui_settings.save(update_fields=["settings"])
    except Exception as e:
        logger.error(
            f"Error while cleaning up user {instance.pk} ({instance.username}) from ui_settings: {e}"
            if isinstance(instance, User)
            else f"Error while cleaning up group {instance.pk} ({instance.name}) from ui_settings: {e}",
        )


class Consumer:
    def __init__(self):
        self.log = logging.getLogger("paperless.consumer")

    def title(self, metadata):
        try:
            return self._parse_title_placeholders(metadata.title)
        except Exception as e:
            self.log.error(
                f"Error occurred parsing title override '{metadata.title}', falling back to original. Exception: {e}",
            )

    def folders(self, M):
        try:
            for folder_info in M.folder.list():
                self.log.info(f"Located folder: {folder_info.name}")
        except Exception as e:
            self.log.error(
                "Exception during folder listing, unable to provide list folders: "
                + str(e),
            )
        raise MailError("Rule error")


def webhook(action, logging_group):
    try:
        headers = {str(k): str(v) for k, v in action.webhook.headers.items()}
    except Exception as e:
        logger.error(
            f"Error occurred parsing webhook headers: {e}",
            extra={"group": logging_group},
        )


def thumbnail(in_path):
    try:
        return run_convert(in_path)
    except ParseError as e:
        logger.error(f"Unable to make thumbnail with convert: {e}")
        return None


def separators(src, dst):
    try:
        move(src, dst)
    except OSError as e:
        logger.error(f"Move of {src} - {e} - aborted")
    try:
        move(src, dst)
    except OSError as e:
        logger.error(f"Could not move {src}, error: {e}, will retry")
    try:
        move(src, dst)
    except OSError as e:
        logger.error(f"Could not move {src} ({e}) to {dst}")
    try:
        move(src, dst)
    except OSError as e:
        logger.error(f"Error {e} while moving {src}")
    try:
        move(src, dst)
    except OSError as e:
        logger.error("Could not move %s to %s: %s. Giving up", src, dst, e)
    try:
        move(src, dst)
    except OSError as e:
        logger.error("Could not move " f"{src}: " f"{e}")
    try:
        move(src, dst)
    except OSError as e:
        logger.error(f"Move failed with error {e}")
    try:
        move(src, dst)
    except OSError as e:
        logger.error(f"Move failed (errno {e.errno}): {e}")
    try:
        move(src, dst)
    except OSError as e:
        msg = f"Could not move {src}"
        logger.error(f"{msg}: {e}")
    try:
        move(src, dst)
    except OSError as e:
        logger.error(f"Unable to move {src}. Unhandled reason: {e}.")


def kept_messages(src, message):
    try:
        move(src)
    except OSError as e:
        logger.error(str(e))
    try:
        move(src)
    except OSError as e:
        logger.error(message % e)
    try:
        move(src)
    except OSError as exc:
        logger.error(describe(src, exc))
    try:
        move(src)
    except OSError as exc:
        logger.error(f"Error: {exc}")
    try:
        move(src)
    except OSError as exc:
        logger.error("Move failed: %s", exc)
        notify(exc)
