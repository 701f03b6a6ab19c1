import json

from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import Application

from tests.oidc_provider.models import Person


@csrf_exempt
def setup(request):
    """Registers clients and people from JSON (test-only provider on loopback)."""
    data = json.loads(request.body)
    for client in data.get("clients", []):
        Application.objects.filter(client_id=client["client_id"]).delete()
        Application.objects.create(
            name=client["client_id"],
            client_id=client["client_id"],
            client_secret=client["client_secret"],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=" ".join(client["redirect_uris"]),
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )
    for person in data.get("people", []):
        user, _ = User.objects.update_or_create(
            username=person["email"],
            defaults={
                "email": person["email"],
                "first_name": person.get("given_name", ""),
                "last_name": person.get("family_name", ""),
            },
        )
        user.set_password(person["password"])
        user.save()
        Person.objects.update_or_create(
            user=user,
            defaults={
                "email_verified": person.get("email_verified", True),
                "producer_number": person.get("producer_number", ""),
                "flaw": person.get("flaw", ""),
            },
        )
    return HttpResponse("ok")


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("testing/setup/", setup),
]
