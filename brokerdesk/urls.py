from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.i18n import set_language

from brokerdesk.accounts import views as accounts
from brokerdesk.catalogue import views as catalogue
from brokerdesk.offices import views as offices
from brokerdesk.quotes import views as quotes

urlpatterns = [
    path("", quotes.home, name="home"),
    path("login/", accounts.login_view, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", accounts.signup, name="signup"),
    path("terms/", accounts.terms, name="terms"),
    path("password/forgot/", accounts.forgot_password, name="forgot_password"),
    path("password/sent/", accounts.password_reset_sent, name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/", accounts.reset_password, name="password_reset_confirm"
    ),
    path("password/done/", accounts.password_reset_complete, name="password_reset_complete"),
    path("profile/", accounts.profile, name="profile"),
    path("profile/email/<str:token>/", accounts.confirm_email, name="confirm_email"),
    path("language/", login_not_required(set_language), name="set_language"),
    path("city/", offices.city, name="city"),
    path("requests/", quotes.quotes, name="quotes"),
    path("search/", quotes.search, name="search"),
    path("products/", catalogue.products, name="products"),
    path("users/", offices.users, name="users"),
    path("account/", offices.account, name="account"),
    path("sub-account/", offices.switch_group, name="switch_group"),
    path(settings.ADMIN_URL, admin.site.urls),
]
