"""The project's settings for `make bench`, plus the yardstick page (bench/urls.py)."""

from ledelsesfora.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
