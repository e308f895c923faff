# shipguard-test: no-findings
from django.db import models


class Order(models.Model):
    total = models.IntegerField(default=0)

    def close(self):
        self.status = "closed"
        self.save()
        self.lines.all().delete()
