"""The search page: one box on every page leads here; the filters narrow it. Without a kind the
hits come grouped by kind, the first few of each; with one, a page at a time."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ledelsesfora.forums.access import organisation_for
from ledelsesfora.search import finding
from ledelsesfora.search.forms import SearchForm
from ledelsesfora.security.log import record_search


@login_required
def search_page(request, org):
    organisation = organisation_for(request.user, org)
    form = SearchForm(request.GET, organisation)
    context = {"organisation": organisation, "form": form}
    status = 200
    if form.asked():
        if not form.is_valid():
            status = 400
        else:
            query = form.query()
            try:
                if query.kind:
                    context["results"] = results = finding.find(request.user, organisation, query)
                    hits = results.hits
                else:
                    context["groups"] = groups = finding.overview(request.user, organisation, query)
                    hits = [hit for group in groups for hit in group.hits]
            except finding.SearchError as refusal:
                context["refusal"] = refusal.message
                status = 400
            else:
                context["query"] = query
                record_search(request, _terms(query), finding.shown_closed_items(hits))
    return render(request, "search/search.html", context, status=status)


def _terms(query: finding.Query) -> str:
    return " ".join(part for part in (query.text, query.case_number) if part)
