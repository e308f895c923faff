# shipguard-test: no-findings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]

    class Payment(models.Model):
        stripe_payment_intent_id = models.CharField(max_length=255)

    operations = [
        migrations.AddField("payment", "stripe_payment_intent_id", models.CharField(max_length=255, default="")),
    ]
