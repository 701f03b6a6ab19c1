from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.i18n import set_language

from brokerdesk.accounts import views as accounts
from brokerdesk.api.main import urls as api_urls
from brokerdesk.backoffice import views as backoffice
from brokerdesk.catalogue import views as catalogue
from brokerdesk.clients import views as clients
from brokerdesk.documents import views as documents
from brokerdesk.notifications import views as notifications
from brokerdesk.offers import views as offers
from brokerdesk.offices import views as offices
from brokerdesk.operations import views as operations
from brokerdesk.privacy import views as privacy
from brokerdesk.quotes import views as quotes
from brokerdesk.security import views as security
from brokerdesk.sites import views as sites
from brokerdesk.submissions import views as submissions
from brokerdesk.support import views as support
from brokerdesk.tariffs import views as tariffs

urlpatterns = [
    path("", quotes.home, name="home"),
    path("healthz", operations.healthz, name="healthz"),
    path("csp-report/", operations.csp_report, name="csp_report"),
    path("login/", accounts.login_view, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/code/", security.mfa_verify, name="mfa_verify"),
    path("profile/two-factor/", security.mfa_setup, name="mfa_setup"),
    path("profile/sessions/<int:pk>/end/", security.session_end, name="session_end"),
    path("profile/sessions/end-others/", security.sessions_end_others, name="sessions_end_others"),
    path("signup/", offices.signup, name="signup"),
    path("terms/", accounts.terms, name="terms"),
    path("privacy/", privacy.privacy, name="privacy"),
    path("profile/data.json", privacy.my_data, name="my_data"),
    path("password/forgot/", accounts.forgot_password, name="forgot_password"),
    path("password/sent/", accounts.password_reset_sent, name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/", accounts.reset_password, name="password_reset_confirm"
    ),
    path("password/done/", accounts.password_reset_complete, name="password_reset_complete"),
    path("profile/", accounts.profile, name="profile"),
    path("profile/tokens/", accounts.tokens, name="tokens"),
    path("profile/tokens/<int:pk>/revoke/", accounts.token_revoke, name="token_revoke"),
    path("profile/email/<str:token>/", accounts.confirm_email, name="confirm_email"),
    path("language/", login_not_required(set_language), name="set_language"),
    path("city/", offices.city, name="city"),
    path("requests/", quotes.quotes, name="quotes"),
    path("requests/export.<str:kind>", quotes.quotes_export, name="quotes_export"),
    path("requests/new/<str:code>/", quotes.new, name="quote_new"),
    path("requests/new/<str:code>/draft/", quotes.new_draft, name="quote_new_draft"),
    path("requests/<int:pk>/", quotes.detail, name="quote"),
    # Deep links for the insurers' extranets (README, "Insurer sites").
    path("requests/reference/<str:reference>/", sites.quote_by_reference, name="quote_reference"),
    path("requests/<int:pk>/step/<slug:slug>/", quotes.step, name="quote_step"),
    path("requests/<int:pk>/draft/<slug:slug>/", quotes.draft, name="quote_draft"),
    path("requests/<int:pk>/offer/", quotes.issue_offer, name="quote_offer"),
    path("requests/<int:pk>/offer.pdf", quotes.offer_pdf, name="quote_pdf"),
    path("requests/<int:pk>/offers/<int:number>.pdf", offers.version_pdf, name="offer_pdf"),
    path(
        "requests/<int:pk>/offers/<int:number>/accepted.pdf",
        offers.accepted_pdf,
        name="offer_accepted_pdf",
    ),
    path("requests/<int:pk>/send-offer/", offers.send, name="offer_send"),
    path("offer/<str:token>/", offers.public, name="offer_public"),
    path("offer/<str:token>/offer.pdf", offers.public_pdf, name="offer_public_pdf"),
    path("requests/<int:pk>/duplicate/", quotes.duplicate, name="quote_duplicate"),
    path("requests/<int:pk>/archive/", quotes.archive, name="quote_archive"),
    path("requests/<int:pk>/tariff/", quotes.move_to_current_tariff, name="quote_retariff"),
    path("requests/<int:pk>/restore/", quotes.restore, name="quote_restore"),
    path("requests/<int:pk>/submit/", submissions.submit, name="quote_submit"),
    path("requests/<int:pk>/messages/", submissions.thread, name="quote_thread"),
    path("attachments/<int:pk>/", submissions.attachment, name="attachment"),
    path("requests/<int:pk>/documents/", documents.quote_documents, name="quote_documents"),
    path("clients/<int:pk>/documents/", documents.client_documents, name="client_documents"),
    path("documents/<int:pk>/", documents.document, name="document"),
    path("documents/<int:pk>/delete/", documents.document_delete, name="document_delete"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/open/", notifications.notification_open, name="notification_open"),
    path("activities/", quotes.activities, name="activities"),
    path("clients/", clients.clients, name="clients"),
    path("clients/suggestions/", clients.client_suggestions, name="client_suggestions"),
    path("clients/<int:pk>/", clients.client, name="client"),
    path("clients/<int:pk>/edit/", clients.client_edit, name="client_edit"),
    path("search/", quotes.search, name="search"),
    path("products/", catalogue.products, name="products"),
    path("products/<str:code>/", catalogue.product, name="product"),
    path("backoffice/", backoffice.requests, name="backoffice"),
    path("backoffice/quotes/", backoffice.quotes, name="backoffice_quotes"),
    path("backoffice/requests/<int:pk>/", backoffice.decide, name="backoffice_decide"),
    path("backoffice/propositions/", submissions.propositions, name="backoffice_propositions"),
    path(
        "backoffice/propositions/<int:pk>/",
        submissions.proposition,
        name="backoffice_proposition",
    ),
    path(
        "backoffice/propositions/<int:pk>/decide/",
        submissions.decide,
        name="backoffice_proposition_decide",
    ),
    path(
        "backoffice/propositions/<int:pk>/referral/",
        submissions.decide_referral,
        name="backoffice_referral",
    ),
    path("backoffice/opinions/", submissions.opinions, name="backoffice_opinions"),
    path("backoffice/tariffs/", tariffs.tariffs, name="tariffs"),
    path("backoffice/tariffs/<int:pk>/", tariffs.tariff, name="tariff"),
    path("backoffice/tariffs/<int:pk>/activate/", tariffs.activate, name="tariff_activate"),
    path("backoffice/tariffs/<int:pk>/delete/", tariffs.delete, name="tariff_delete"),
    path("backoffice/tariffs/<int:pk>/source.toml", tariffs.source, name="tariff_source"),
    path("users/", offices.users, name="users"),
    path("sub-account/", offices.switch_group, name="switch_group"),
    path("invitation/<str:token>/", offices.accept_invitation, name="accept_invitation"),
    path("account/", offices.account, name="account"),
    path("account/edit/", offices.office_edit, name="office_edit"),
    path("account/two-factor/", offices.office_second_factor, name="office_second_factor"),
    path("account/invite/", offices.invite, name="invite"),
    path(
        "account/invitations/<int:pk>/resend/", offices.invitation_resend, name="invitation_resend"
    ),
    path(
        "account/invitations/<int:pk>/revoke/", offices.invitation_revoke, name="invitation_revoke"
    ),
    path("account/users/<int:pk>/", offices.member, name="member"),
    path("account/users/<int:pk>/edit/", offices.member_update, name="member_update"),
    path("account/users/<int:pk>/status/", offices.member_status, name="member_status"),
    path("account/users/<int:pk>/erase/", privacy.erase_member, name="member_erase"),
    path(
        "account/users/<int:pk>/sessions/end/",
        security.member_sessions_end,
        name="member_sessions_end",
    ),
    path("account/users/<int:pk>/groups/", offices.member_add_group, name="member_add_group"),
    path(
        "account/users/<int:pk>/groups/<int:group_pk>/remove/",
        offices.member_remove_group,
        name="member_remove_group",
    ),
    path("account/tokens/", offices.office_tokens, name="office_tokens"),
    path(
        "account/tokens/<int:pk>/revoke/", offices.office_token_revoke, name="office_token_revoke"
    ),
    path("account/webhooks/", offices.webhooks, name="webhooks"),
    path("account/webhooks/<int:pk>/delete/", offices.webhook_delete, name="webhook_delete"),
    path(
        "account/webhooks/deliveries/<uuid:pk>/resend/",
        offices.webhook_resend,
        name="webhook_resend",
    ),
    path("account/groups/", offices.groups, name="groups"),
    path("account/groups/new/", offices.group_form, name="group_create"),
    path("account/groups/<int:pk>/", offices.group, name="group"),
    path("account/groups/<int:pk>/edit/", offices.group_form, name="group_edit"),
    path("account/groups/<int:pk>/delete/", offices.group_delete, name="group_delete"),
    path("account/groups/<int:pk>/members/", offices.group_add_member, name="group_add_member"),
    path("groups/<int:pk>/logo/", offices.group_logo, name="group_logo"),
    path("help/", support.help_index, name="help"),
    path("help/chat/", support.chat, name="help_chat"),
    path("help/chat/reset/", support.chat_reset, name="help_chat_reset"),
    path("help/escalate/", support.escalate, name="help_escalate"),
    path("help/escalate/<int:pk>/", support.escalated, name="help_escalated"),
    path("help/escalate/sent/", support.escalation_sent, name="help_escalation_sent"),
    path(
        "help/escalate/confirm/<str:token>/",
        support.escalation_confirm,
        name="help_escalation_confirm",
    ),
    path("help/<slug:slug>/", support.help_article, name="help_article"),
    path("site/logo/", sites.logo, name="site_logo"),
    path("site/brand.css", sites.brand_css, name="site_css"),
    path("sso/start/", sites.sso_start, name="sso_start"),
    path("sso/callback/", sites.sso_callback, name="sso_callback"),
    path("api/v1/", api_urls()),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = operations.bad_request
handler403 = operations.permission_denied
handler404 = operations.page_not_found
handler500 = operations.server_error
