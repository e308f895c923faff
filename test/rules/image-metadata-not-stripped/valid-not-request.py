# shipguard-test: no-findings
from django.core.files.storage import default_storage


def store_avatar(user, image_file):
    return default_storage.save(f"avatars/{user.pk}.jpg", image_file)


def copy_logo(company, files):
    logo = files["logo"]
    company.logo.save(logo.name, logo)
