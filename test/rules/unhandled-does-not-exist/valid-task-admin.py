# shipguard-test: no-findings
from celery import shared_task
from django.contrib import admin

from .celery import app
from .models import MailRule, ProcessedMail, Tag


@shared_task
def error_callback(request, exc, tb, rule_id):
    # Celery's error callback: `request` is the failed task's request, not an HTTP one
    rule = MailRule.objects.get(pk=rule_id)
    ProcessedMail.objects.create(rule=rule, status="FAILED")


@app.task(bind=True)
def retry_rule(self, request, rule_id):
    MailRule.objects.get(pk=rule_id).run()


class TagAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        # the row being edited: the admin already loaded it
        old_parent = None
        if change and obj.pk:
            old_parent = Tag.objects.get(pk=obj.pk).parent
        super().save_model(request, obj, form, change)
        return old_parent
