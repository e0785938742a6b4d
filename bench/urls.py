"""The project's addresses, plus the yardstick: a 30-row page rendered by Django's template
engine with no database at all. Each page is measured as a ratio to it, in the same run."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

ROWS = [
    {"number": n, "title": f"Punkt {n}", "start": f"{9 + n // 4:02d}:{n % 4 * 15:02d}"}
    for n in range(1, 31)
]
TEMPLATE = engines["django"].from_string(
    """<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Yardstick</title></head>
<body><main><h1>Dagsorden</h1><ol>{% for row in rows %}<li><span>{{ row.start }}</span>
<h2>{{ row.number }}. {{ row.title }}</h2><p>Orienteringspunkt</p></li>{% endfor %}</ol></main>
</body></html>"""
)


def yardstick(request):
    return HttpResponse(TEMPLATE.render({"rows": ROWS}))


urlpatterns = [
    path("bench/yardstick/", yardstick),
    path("", include("ledelsesfora.urls")),
]
