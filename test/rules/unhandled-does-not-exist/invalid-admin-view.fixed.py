from django.contrib import admin
from django.shortcuts import get_object_or_404

from .models import MailRule


class RuleAdmin(admin.ModelAdmin):
    def run_view(self, request, rule_id):
        # a custom admin view: the id comes from the URL
        rule = get_object_or_404(MailRule, pk=rule_id)  # expect: unhandled-does-not-exist
        return rule.run()
