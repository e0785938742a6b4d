"""Topics for a reflection meeting (DIF Refleksion): no agenda there, so the members tell
each other beforehand what they want to raise, as the charter's `topics_before_meeting` asks."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ledelsesfora.agenda.models import Topic
from ledelsesfora.agenda.operations import AgendaError
from ledelsesfora.forums.access import is_member
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person


def post_topic(meeting: Meeting, *, by: Person, title: str, text: str = "") -> Topic:
    """A member tells the others what they want to raise (DIF Refleksion)."""
    forum = meeting.forum
    if not forum.charter.topics_before_meeting:
        raise AgendaError(
            _("%(forum)s works with agenda items, not topics; propose an item.")
            % {"forum": forum.name}
        )
    if not is_member(by, forum):
        raise AgendaError(_("Only the members of %(forum)s post topics.") % {"forum": forum.name})
    if not title.strip():
        raise AgendaError(_("The topic needs a title."))
    if meeting.start <= timezone.now():
        raise AgendaError(_("The meeting has begun; topics are posted before it."))
    return Topic.objects.create(meeting=meeting, author=by, title=title.strip(), text=text.strip())
