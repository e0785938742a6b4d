// Reads an iCalendar file on stdin as Thunderbird's calendar does (ical.js, the npm package
// pinned in package-lock.json) and prints its events as JSON: each instant in UTC, an all-day
// date as the date itself. The VTIMEZONE blocks of the file are the only time-zone data it uses.
import ICAL from "ical.js";

let text = "";
for await (const chunk of process.stdin) text += chunk;
const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const instant = (time) => {
  if (!time) return null;
  return time.isDate ? time.toString() : time.toJSDate().toISOString();
};
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    start: instant(event.startDate),
    end: instant(event.endDate),
    all_day: event.startDate.isDate,
    status: component.getFirstPropertyValue("status"),
    location: event.location,
    url: component.getFirstPropertyValue("url"),
    sequence: event.sequence,
  };
});
process.stdout.write(JSON.stringify(events));
