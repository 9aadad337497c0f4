/**
 * A small iCalendar writer (RFC 5545) for published feeds: one VCALENDAR of VEVENTs, times in UTC
 * (`Z`, so no VTIMEZONE is needed: shared/reference/latam-formats.md "use UTC or include VTIMEZONE"),
 * TEXT values escaped, CRLF line endings, lines folded at 75 octets without splitting a UTF-8 character.
 */

export const ICAL_STATUSES = ['TENTATIVE', 'CONFIRMED', 'CANCELLED'] as const;
export type IcalStatus = (typeof ICAL_STATUSES)[number];

export type IcalEvent = {
  /** globally unique and stable for the same appointment, e.g. `<id>@<host>` */
  uid: string;
  /** grows with each revision, so clients replace the copy they hold */
  sequence: number;
  start: Date;
  /** exclusive (RFC 5545 §3.6.1) */
  end: Date;
  status: IcalStatus;
  summary: string;
  description?: string;
  location?: string;
  created?: Date;
  lastModified: Date;
};

export type IcalCalendar = {
  /** `-//Company//Product//LANG` */
  prodId: string;
  name: string;
  /** the time this copy was made: every event's DTSTAMP (a METHOD is present, RFC 5545 §3.8.7.2) */
  stamp: Date;
  /** how often a subscribed client should look again, in minutes */
  refreshMinutes?: number;
  events: readonly IcalEvent[];
};

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A DATE-TIME in UTC: `20260315T130000Z` (seconds kept, milliseconds dropped). */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/**
 * TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, a line break
 * becomes `\n`; other control characters are not allowed in TEXT and are dropped.
 */
export function escapeText(value: string): string {
  return [...value.replace(/\r\n?/g, '\n')]
    .map((c) => {
      if (c === '\\' || c === ';' || c === ',') return `\\${c}`;
      if (c === '\n') return '\\n';
      return isControl(c) ? '' : c;
    })
    .join('');
}

/** CTL characters other than the horizontal tab (RFC 5545 §3.3.11 TEXT). */
function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code < 0x20 && code !== 0x09) || code === 0x7f;
}

function octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line (RFC 5545 §3.1): no line longer than 75 octets, continuation lines start with
 * a space (which counts toward their 75), and a break never falls inside a character's UTF-8 bytes.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = octets(char.codePointAt(0)!);
    if (size + length > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      size = 1;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join(CRLF);
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function textProperty(name: string, value: string): string {
  return property(name, escapeText(value));
}

function eventLines(event: IcalEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    property('UID', event.uid),
    property('DTSTAMP', formatUtc(stamp)),
    property('DTSTART', formatUtc(event.start)),
    property('DTEND', formatUtc(event.end)),
    property('SEQUENCE', String(Math.max(0, Math.trunc(event.sequence)))),
    property('STATUS', event.status),
    // a cancelled appointment no longer takes the time
    property('TRANSP', event.status === 'CANCELLED' ? 'TRANSPARENT' : 'OPAQUE'),
    textProperty('SUMMARY', event.summary),
  ];
  if (event.description) lines.push(textProperty('DESCRIPTION', event.description));
  if (event.location) lines.push(textProperty('LOCATION', event.location));
  if (event.created) lines.push(property('CREATED', formatUtc(event.created)));
  lines.push(property('LAST-MODIFIED', formatUtc(event.lastModified)), 'END:VEVENT');
  return lines;
}

/** The whole feed as text: CRLF after every line, the last one included. */
export function writeCalendar(calendar: IcalCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    property('PRODID', calendar.prodId),
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    textProperty('X-WR-CALNAME', calendar.name),
  ];
  if (calendar.refreshMinutes) {
    // RFC 7986 and the older name some clients (Outlook) read
    const duration = `PT${Math.max(1, Math.trunc(calendar.refreshMinutes))}M`;
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${duration}`, `X-PUBLISHED-TTL:${duration}`);
  }
  for (const event of calendar.events) lines.push(...eventLines(event, calendar.stamp));
  lines.push('END:VCALENDAR');
  return lines.join(CRLF) + CRLF;
}
