"""A real OpenID Connect provider for the single sign-on tests (django-oauth-toolkit).

It is a second Django project, run as its own server process on loopback by the
`oidc_provider` fixture (tests/oidc.py): the portal talks to it over HTTP exactly as it talks
to an insurer's provider. Its people carry what the provider asserts about them (a verified
address or not, a producer number) and, for the negative tests, a flaw in their ID token.
"""
