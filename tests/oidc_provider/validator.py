from datetime import timedelta

from django.utils import timezone
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "producer_number": "profile"}

    def get_additional_claims(self, request):
        user = request.user
        person = user.person
        claims = {
            "email": user.email,
            "email_verified": person.email_verified,
            "given_name": user.first_name,
            "family_name": user.last_name,
        }
        if person.producer_number:
            claims["producer_number"] = person.producer_number
        return claims

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        flaw = request.user.person.flaw
        if flaw == "wrong_audience":
            claims["aud"] = "another-portal"
        elif flaw == "expired":
            claims["exp"] = int((timezone.now() - timedelta(hours=1)).timestamp())
        return claims, expiration
