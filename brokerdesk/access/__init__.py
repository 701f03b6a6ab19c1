"""The scoping layer: the only way views obtain offices, groups, members, invitations,
products, integrations and quotes. One module per domain, each on the actors of its own.

Anything outside the actor's scope answers 404, exactly like something that does not exist.
It sits above every app whose models it reads, and below the views that use it.
"""
