from django.contrib.auth import views as auth_views
from django.urls import path

from sinergi.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/remove/", views.role_remove, name="role_remove"),
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
