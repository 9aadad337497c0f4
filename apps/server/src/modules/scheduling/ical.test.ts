import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatUtc, type IcalEvent, writeCalendar } from './ical.js';

const STAMP = new Date('2026-03-10T12:00:00.000Z');

function event(overrides: Partial<IcalEvent> = {}): IcalEvent {
  return {
    uid: '7d3f0c2a-1b2c-4d5e-8f90-0123456789ab@oficina.example.com',
    sequence: 0,
    start: new Date('2026-03-15T13:00:00.000Z'),
    end: new Date('2026-03-15T14:30:00.000Z'),
    status: 'CONFIRMED',
    summary: 'Troca de óleo — João',
    lastModified: new Date('2026-03-09T08:00:00.000Z'),
    ...overrides,
  };
}

function feed(events: IcalEvent[], name = 'Agenda — Técnica Ana') {
  return writeCalendar({ prodId: '-//Bancada//Agenda//PT', name, stamp: STAMP, refreshMinutes: 60, events });
}

/** The events as a real parser (ical.js) reads them. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

const utf8Length = (line: string) => Buffer.byteLength(line, 'utf8');

describe('escapeText', () => {
  it.each([
    ['backslash', 'C:\\oficina', 'C:\\\\oficina'],
    ['semicolon', 'óleo; filtro', 'óleo\\; filtro'],
    ['comma', 'Rua A, 10', 'Rua A\\, 10'],
    ['line break (LF)', 'linha 1\nlinha 2', 'linha 1\\nlinha 2'],
    ['line break (CRLF)', 'linha 1\r\nlinha 2', 'linha 1\\nlinha 2'],
    ['line break (CR)', 'linha 1\rlinha 2', 'linha 1\\nlinha 2'],
    ['all together, in order', 'a\\;b,c\n', 'a\\\\\\;b\\,c\\n'],
    ['other control characters dropped, tab kept', 'a\u0007b\tc\u001fd', 'ab\tcd'],
    ['accents untouched', 'Ação, año', 'Ação\\, año'],
  ])('%s', (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`;
    expect(utf8Length(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds a longer ASCII line at 75 octets, continuation lines starting with a space', () => {
    const line = `DESCRIPTION:${'a'.repeat(200)}`;
    const parts = foldLine(line).split('\r\n');
    // 212 octets: 75, then 1 + 74, then 1 + 63
    expect(parts.map(utf8Length)).toEqual([75, 75, 64]);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it.each([
    ['2-byte characters (ç, ã)', 'ç', 2],
    ['3-byte characters (€)', '€', 3],
    ['4-byte characters (emoji, a surrogate pair in JS)', '🚗', 4],
  ])('never splits %s', (_name, char, bytes) => {
    // an odd prefix so a character straddles the 75th octet
    const line = `DESCRIPTION:${'x'.repeat(bytes === 2 ? 62 : 61)}${char.repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) {
      expect(utf8Length(part)).toBeLessThanOrEqual(75);
      // a split UTF-8 sequence would not survive a round trip through a Buffer
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(part).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    expect(
      folded
        .split('\r\n')
        .map((p, i) => (i === 0 ? p : p.slice(1)))
        .join(''),
    ).toBe(line);
    expect(folded.split('\r\n').some((p) => utf8Length(p) < 75 && utf8Length(p) > 75 - bytes)).toBe(true);
  });
});

describe('formatUtc', () => {
  it('writes UTC date-times with Z, without milliseconds', () => {
    expect(formatUtc(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
  });
});

describe('writeCalendar', () => {
  it('writes the calendar properties, CRLF after every line and nothing else', () => {
    const text = feed([event()]);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'PRODID:-//Bancada//Agenda//PT',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Agenda — Técnica Ana',
    ]);
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT60M');
    for (const line of lines) expect(utf8Length(line)).toBeLessThanOrEqual(75);
  });

  it('gives every event UID, DTSTAMP (the copy’s time), DTSTART/DTEND in UTC, SEQUENCE, STATUS and LAST-MODIFIED', () => {
    const text = feed([
      event({ sequence: 3, status: 'TENTATIVE', created: new Date('2026-03-01T10:00:00Z') }),
    ]);
    const lines = text.split('\r\n');
    for (const expected of [
      'UID:7d3f0c2a-1b2c-4d5e-8f90-0123456789ab@oficina.example.com',
      'DTSTAMP:20260310T120000Z',
      'DTSTART:20260315T130000Z',
      'DTEND:20260315T143000Z',
      'SEQUENCE:3',
      'STATUS:TENTATIVE',
      'TRANSP:OPAQUE',
      'CREATED:20260301T100000Z',
      'LAST-MODIFIED:20260309T080000Z',
    ])
      expect(lines).toContain(expected);
  });

  it('marks a cancelled event CANCELLED and transparent', () => {
    const lines = feed([event({ status: 'CANCELLED' })]).split('\r\n');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('TRANSP:TRANSPARENT');
  });

  it('writes an empty calendar that still parses', () => {
    const { calendar, events } = parse(feed([]));
    expect(events).toHaveLength(0);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  });
});

describe('the feed as a real iCalendar parser (ical.js) reads it', () => {
  const description = [
    'Cliente relata ruído na suspensão dianteira; verificar buchas, pivôs e terminais.',
    'Observação: trazer a chave reserva, o manual e o certificado de garantia (peças: "C:\\docs").',
    'El cliente pide presupuesto antes de cambiar piezas; ¿año del vehículo? 2019, versión señalizada.',
    '🚗 Revisão dos 40.000 km, com alinhamento e balanceamento.',
  ].join('\n');
  const summary = 'Revisão, alinhamento; balanceamento — María José Ñúñez';
  const location = 'Oficina Centro, Av. Paulista, 1000; São Paulo';

  it('reads back UID, DTSTAMP, times in UTC, SEQUENCE and STATUS', () => {
    const { calendar, events } = parse(
      feed([event({ sequence: 2 }), event({ uid: 'other@bancada', status: 'CANCELLED' })]),
    );
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Bancada//Agenda//PT');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Agenda — Técnica Ana');
    expect(events).toHaveLength(2);
    const first = new ICAL.Event(events[0]!);
    expect(first.uid).toBe('7d3f0c2a-1b2c-4d5e-8f90-0123456789ab@oficina.example.com');
    expect(first.sequence).toBe(2);
    expect(first.startDate.zone?.tzid).toBe('UTC');
    expect(first.endDate.zone?.tzid).toBe('UTC');
    expect(first.startDate.toJSDate().toISOString()).toBe('2026-03-15T13:00:00.000Z');
    expect(first.endDate.toJSDate().toISOString()).toBe('2026-03-15T14:30:00.000Z');
    expect(first.duration.toSeconds()).toBe(90 * 60);
    const stamp = events[0]!.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.zone?.tzid).toBe('UTC');
    expect(stamp.toJSDate().toISOString()).toBe(STAMP.toISOString());
    expect(events[0]!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(events[1]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(new ICAL.Event(events[1]!).uid).toBe('other@bancada');
  });

  it('unfolds and unescapes long pt-BR/es texts with accents, emoji, commas, semicolons, backslashes and line breaks', () => {
    const text = feed([event({ summary, description, location })]);
    // long enough that folding happened, with multi-byte characters at the folds
    expect(text.split('\r\n').filter((line) => line.startsWith(' ')).length).toBeGreaterThanOrEqual(4);
    for (const line of text.split('\r\n')) expect(utf8Length(line)).toBeLessThanOrEqual(75);
    const parsed = new ICAL.Event(parse(text).events[0]!);
    expect(parsed.summary).toBe(summary);
    expect(parsed.description).toBe(description);
    expect(parsed.location).toBe(location);
  });

  it('keeps each event’s texts apart in a feed of many', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      event({ uid: `id-${i}@bancada`, summary: `Serviço nº ${i}, ação; teste`, sequence: i }),
    );
    const events = parse(feed(many)).events.map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.uid)).toEqual(many.map((e) => e.uid));
    expect(events.map((e) => e.summary)).toEqual(many.map((e) => e.summary));
    expect(events.map((e) => e.sequence)).toEqual(many.map((e) => e.sequence));
  });
});
