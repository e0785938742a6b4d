"""Addresses of the themes' pages and steps."""

from django.urls import path

from ledelsesfora.themes import views

urlpatterns = [
    path("tema/<int:pk>/", views.theme_detail, name="theme"),
    path("tema/<int:pk>/input/", views.theme_input, name="theme-input"),
    path("tema/<int:pk>/traek-tilbage/", views.theme_withdraw, name="theme-withdraw"),
    path("punkt/<int:pk>/vaelg-tema/", views.item_select_theme, name="item-select-theme"),
    path("<slug:org>/fora/<str:short_name>/temaer/", views.forum_themes, name="forum-themes"),
    path(
        "<slug:org>/fora/<str:short_name>/temaer/foreslaa/",
        views.theme_propose,
        name="theme-propose",
    ),
]
