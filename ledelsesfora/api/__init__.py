"""The JSON API (django-ninja) at /api/v1/, with bearer tokens made on the command line."""
