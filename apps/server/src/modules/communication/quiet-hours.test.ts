import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIET_HOURS, isQuietTime, nextSendTime, QuietHoursError } from './quiet-hours.js';

const night = (timeZone: string) => ({ timeZone, ...DEFAULT_QUIET_HOURS });

// offsets checked with Intl (no DST in 2026 for these four; Santiago below)
const ZONES = [
  ['America/Sao_Paulo', '-03:00'],
  ['America/Mexico_City', '-06:00'],
  ['America/Bogota', '-05:00'],
  ['America/Argentina/Buenos_Aires', '-03:00'],
  ['America/Santiago', '-04:00'], // June: Chilean winter time
] as const;

const CASES = [
  // local now, local send time
  ['2026-06-10T19:59', '2026-06-10T19:59'],
  ['2026-06-10T20:00', '2026-06-11T08:00'],
  ['2026-06-10T02:00', '2026-06-10T08:00'],
  ['2026-06-10T07:59', '2026-06-10T08:00'],
  ['2026-06-10T08:00', '2026-06-10T08:00'],
] as const;

const TABLE = ZONES.flatMap(([zone, offset]) =>
  CASES.map(([now, send]) => [zone, offset, now, send] as const),
);

describe('nextSendTime with the default 20:00–08:00', () => {
  it.each(TABLE)('in %s (%s) at %s local sends at %s local', (zone, offset, now, send) => {
    const at = new Date(`${now}:00${offset}`);
    const result = nextSendTime(at, night(zone));
    expect(result.toISOString()).toBe(new Date(`${send}:00${offset}`).toISOString());
  });

  it('returns the very same instant outside quiet hours', () => {
    const now = new Date('2026-06-10T15:00:00Z');
    expect(nextSendTime(now, night('America/Sao_Paulo'))).toBe(now);
  });
});

// Santiago 2026 (checked with Intl): -03:00 until 2026-04-05T03:00Z (local 24:00 → 23:00),
// -04:00 until 2026-09-06T04:00Z (local 24:00 → 01:00), then -03:00 again
describe('nextSendTime across Santiago DST transitions', () => {
  it.each([
    ['a night before the April change', '2026-04-02T22:00:00-03:00', '2026-04-03T08:00:00-03:00'],
    ['the night of the April change', '2026-04-04T21:00:00-03:00', '2026-04-05T08:00:00-04:00'],
    ['in the repeated hour of April', '2026-04-04T23:30:00-04:00', '2026-04-05T08:00:00-04:00'],
    ['a night after the April change', '2026-04-07T02:00:00-04:00', '2026-04-07T08:00:00-04:00'],
    ['a night before the September change', '2026-09-03T22:00:00-04:00', '2026-09-04T08:00:00-04:00'],
    ['the night of the September change', '2026-09-05T21:00:00-04:00', '2026-09-06T08:00:00-03:00'],
    ['a night after the September change', '2026-09-08T02:00:00-03:00', '2026-09-08T08:00:00-03:00'],
  ])('%s', (_label, now, send) => {
    expect(nextSendTime(new Date(now), night('America/Santiago')).toISOString()).toBe(
      new Date(send).toISOString(),
    );
  });

  it('ends quiet hours on 00:30 when that local time falls in the September gap', () => {
    // 00:00–01:00 on 2026-09-06 does not exist in Santiago; wall-clock.ts moves to the instant after
    const result = nextSendTime(new Date('2026-09-05T21:00:00-04:00'), {
      timeZone: 'America/Santiago',
      quietStart: '20:00',
      quietEnd: '00:30',
    });
    expect(result.getTime()).toBeGreaterThan(new Date('2026-09-05T21:00:00-04:00').getTime());
    expect(result.getTime()).toBeLessThanOrEqual(new Date('2026-09-06T01:30:00-03:00').getTime());
  });
});

describe('a window that does not cross midnight (12:00–14:00)', () => {
  const lunch = { timeZone: 'America/Bogota', quietStart: '12:00', quietEnd: '14:00' };
  it.each([
    ['2026-06-10T11:59', '2026-06-10T11:59'],
    ['2026-06-10T12:00', '2026-06-10T14:00'],
    ['2026-06-10T13:59', '2026-06-10T14:00'],
    ['2026-06-10T14:00', '2026-06-10T14:00'],
    ['2026-06-10T23:00', '2026-06-10T23:00'],
  ])('at %s local sends at %s local', (now, send) => {
    expect(nextSendTime(new Date(`${now}:00-05:00`), lunch).toISOString()).toBe(
      new Date(`${send}:00-05:00`).toISOString(),
    );
  });
});

describe('quiet-hours options', () => {
  it('treats equal start and end as no quiet hours', () => {
    const now = new Date('2026-06-10T05:00:00Z'); // 02:00 in São Paulo
    const options = { timeZone: 'America/Sao_Paulo', quietStart: '20:00', quietEnd: '20:00' };
    expect(isQuietTime(now, options)).toBe(false);
    expect(nextSendTime(now, options)).toBe(now);
  });

  it.each([
    ['quietStart', '24:00'],
    ['quietStart', '8:00'],
    ['quietEnd', '08:60'],
    ['quietEnd', '08h00'],
    ['quietEnd', ''],
  ] as const)('refuses %s %j with a QuietHoursError', (field, value) => {
    const options = { ...night('America/Sao_Paulo'), [field]: value };
    let error: unknown;
    try {
      nextSendTime(new Date('2026-06-10T15:00:00Z'), options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QuietHoursError);
    expect(error).toMatchObject({ code: 'invalid_time', details: { field, value } });
  });
});
