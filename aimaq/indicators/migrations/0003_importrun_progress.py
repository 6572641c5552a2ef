import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_observation_key_as_primary_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="importrun",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="importrun",
            name="worker",
            field=models.CharField(blank=True, max_length=128),
        ),
    ]
