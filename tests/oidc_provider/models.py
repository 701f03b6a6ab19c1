from django.conf import settings
from django.db import models


class Person(models.Model):
    """What the provider asserts about a user, and how its ID token should go wrong."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    email_verified = models.BooleanField(default=True)
    producer_number = models.CharField(max_length=30, blank=True)
    flaw = models.CharField(max_length=30, blank=True)  # "", "wrong_audience", "expired"

    def __str__(self) -> str:
        return str(self.user)
