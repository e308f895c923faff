from django.contrib import admin

from .models import MailRule


class RuleAdmin(admin.ModelAdmin):
    def run_view(self, request, rule_id):
        # a custom admin view: the id comes from the URL
        rule = MailRule.objects.get(pk=rule_id)  # expect: unhandled-does-not-exist
        return rule.run()
