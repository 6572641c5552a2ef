from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("me/", views.my_roles, name="me"),
    path("grants/<kato:kato>/", views.grants, name="grants"),
    path("grants/<kato:kato>/revoke/<int:grant_id>/", views.revoke, name="revoke"),
]

# Personal API tokens (token_views.py).
from . import token_views  # noqa: E402

urlpatterns += [
    path("tokens/", token_views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", token_views.revoke, name="token_revoke"),
]
