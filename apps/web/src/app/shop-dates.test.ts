import { AuditQuerySchema, parseApiDate, RepairListQuerySchema } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import {
  calendarNoon,
  zonedDay,
  zonedDayEnd,
  zonedDayRange,
  zonedDayStart,
  zonedInstant,
  zonedToday,
} from './shop-dates';

describe('days on the shop’s calendar', () => {
  it.each([
    // 21:30 UTC is still the 10th in São Paulo (UTC−3) and already the 11th in Tokyo (UTC+9)
    ['2026-05-10T21:30:00.000Z', 'America/Sao_Paulo', '2026-05-10'],
    ['2026-05-10T21:30:00.000Z', 'Asia/Tokyo', '2026-05-11'],
    // 01:00 UTC is the evening before in Manaus (UTC−4) and in Los Angeles (UTC−7 in May)
    ['2026-05-11T01:00:00.000Z', 'America/Manaus', '2026-05-10'],
    ['2026-05-11T01:00:00.000Z', 'America/Los_Angeles', '2026-05-10'],
    ['2026-05-11T01:00:00.000Z', 'UTC', '2026-05-11'],
  ])('%s falls on the day of %s as %s', (instant, zone, day) => {
    expect(zonedDay(instant, zone)).toBe(day);
  });

  it('has no day for no instant or an unreadable one', () => {
    expect(zonedDay(null, 'America/Sao_Paulo')).toBeNull();
    expect(zonedDay('yesterday', 'America/Sao_Paulo')).toBeNull();
  });

  it('knows today where the shop is, not where the device is', () => {
    const now = new Date('2026-05-11T02:00:00.000Z');
    expect(zonedToday('America/Sao_Paulo', now)).toBe('2026-05-10');
    expect(zonedToday('Europe/Lisbon', now)).toBe('2026-05-11');
  });
});

describe('a wall-clock time in the shop as an instant', () => {
  it.each([
    ['2026-05-10', '18:00', 'America/Sao_Paulo', '2026-05-10T21:00:00.000Z'],
    ['2026-05-10', '12:00', 'America/Sao_Paulo', '2026-05-10T15:00:00.000Z'],
    ['2026-05-10', '18:00', 'Asia/Tokyo', '2026-05-10T09:00:00.000Z'],
    ['2026-05-10', '18:00', 'America/Los_Angeles', '2026-05-11T01:00:00.000Z'],
    // Lisbon keeps summer time from March to October
    ['2026-01-15', '18:00', 'Europe/Lisbon', '2026-01-15T18:00:00.000Z'],
    ['2026-07-15', '18:00', 'Europe/Lisbon', '2026-07-15T17:00:00.000Z'],
    // the day of the change itself (29 March 2026, 01:00 UTC)
    ['2026-03-29', '18:00', 'Europe/Lisbon', '2026-03-29T17:00:00.000Z'],
    ['2026-05-10', '00:00', 'Asia/Kolkata', '2026-05-09T18:30:00.000Z'],
  ])('%s %s in %s is %s', (day, time, zone, instant) => {
    expect(zonedInstant(day, time, zone)).toBe(instant);
  });

  it('reads back as the same day', () => {
    for (const zone of ['America/Sao_Paulo', 'America/Noronha', 'Pacific/Auckland', 'America/Anchorage']) {
      expect(zonedDay(zonedInstant('2026-12-31', '18:00', zone), zone)).toBe('2026-12-31');
    }
  });

  it('refuses what is not a day and a time', () => {
    expect(() => zonedInstant('31/12/2026', '18:00', 'UTC')).toThrow(RangeError);
  });
});

describe('a calendar date with no time', () => {
  it('is its noon in UTC, the same day from UTC−11 to UTC+11', () => {
    const noon = calendarNoon('2026-11-30');
    expect(noon).toBe('2026-11-30T12:00:00Z');
    for (const zone of ['Pacific/Pago_Pago', 'America/Sao_Paulo', 'Asia/Tokyo', 'Pacific/Noumea'])
      expect(zonedDay(noon, zone)).toBe('2026-11-30');
    expect(calendarNoon(null)).toBeNull();
  });
});

describe('where a day on the shop’s calendar begins and ends', () => {
  it.each([
    ['2026-05-10', 'America/Sao_Paulo', '2026-05-10T00:00:00.000-03:00', '2026-05-10T23:59:59.999-03:00'],
    ['2026-05-10', 'Asia/Tokyo', '2026-05-10T00:00:00.000+09:00', '2026-05-10T23:59:59.999+09:00'],
    ['2026-05-10', 'Asia/Kolkata', '2026-05-10T00:00:00.000+05:30', '2026-05-10T23:59:59.999+05:30'],
    ['2026-05-10', 'UTC', '2026-05-10T00:00:00.000+00:00', '2026-05-10T23:59:59.999+00:00'],
    // the last day of the year and of February in a leap year
    ['2026-12-31', 'America/Manaus', '2026-12-31T00:00:00.000-04:00', '2026-12-31T23:59:59.999-04:00'],
    ['2028-02-29', 'America/Sao_Paulo', '2028-02-29T00:00:00.000-03:00', '2028-02-29T23:59:59.999-03:00'],
    // Lisbon moves to summer time at 01:00 on 29 March 2026: the day starts at +00:00, ends at +01:00
    ['2026-03-29', 'Europe/Lisbon', '2026-03-29T00:00:00.000+00:00', '2026-03-29T23:59:59.999+01:00'],
    // São Paulo's summer time began at midnight on 4 November 2018: that day began at 01:00
    ['2018-11-04', 'America/Sao_Paulo', '2018-11-04T01:00:00.000-02:00', '2018-11-04T23:59:59.999-02:00'],
    ['2018-11-03', 'America/Sao_Paulo', '2018-11-03T00:00:00.000-03:00', '2018-11-03T23:59:59.999-03:00'],
    // …and ended at midnight on 17 February 2019: 16 February had 25 hours
    ['2019-02-16', 'America/Sao_Paulo', '2019-02-16T00:00:00.000-02:00', '2019-02-16T23:59:59.999-03:00'],
    ['2019-02-17', 'America/Sao_Paulo', '2019-02-17T00:00:00.000-03:00', '2019-02-17T23:59:59.999-03:00'],
  ])('%s in %s runs from %s to %s', (day, zone, start, end) => {
    expect(zonedDayStart(day, zone)).toBe(start);
    expect(zonedDayEnd(day, zone)).toBe(end);
  });

  it('holds every instant of the day and none of the days around it', () => {
    for (const zone of ['America/Sao_Paulo', 'America/Noronha', 'Pacific/Auckland', 'America/Los_Angeles']) {
      const start = Date.parse(zonedDayStart('2026-10-25', zone));
      const end = Date.parse(zonedDayEnd('2026-10-25', zone));
      expect(zonedDay(new Date(start), zone)).toBe('2026-10-25');
      expect(zonedDay(new Date(end), zone)).toBe('2026-10-25');
      expect(zonedDay(new Date(start - 1), zone)).toBe('2026-10-24');
      expect(zonedDay(new Date(end + 1), zone)).toBe('2026-10-26');
    }
  });

  it('takes in the evening a bare date left out: 22:30 of the 10th in São Paulo is 01:30 UTC of the 11th', () => {
    const lateEvening = Date.parse('2026-05-11T01:30:00.000Z');
    expect(lateEvening).toBeLessThanOrEqual(Date.parse(zonedDayEnd('2026-05-10', 'America/Sao_Paulo')));
    expect(lateEvening).toBeGreaterThan(parseApiDate('2026-05-10')?.getTime() ?? 0);
  });

  it('is what the repair list and the audit log accept', () => {
    const from = zonedDayStart('2026-05-10', 'America/Sao_Paulo');
    const to = zonedDayEnd('2026-05-10', 'America/Sao_Paulo');
    expect(parseApiDate(from)?.toISOString()).toBe('2026-05-10T03:00:00.000Z');
    expect(parseApiDate(to)?.toISOString()).toBe('2026-05-11T02:59:59.999Z');
    expect(RepairListQuerySchema.safeParse({ from, to }).success).toBe(true);
    expect(AuditQuerySchema.safeParse({ from, to }).success).toBe(true);
  });

  it('makes a filter’s days a range of instants, an open end left open', () => {
    expect(zonedDayRange('2026-05-01', '2026-05-10', 'America/Sao_Paulo')).toEqual({
      from: '2026-05-01T00:00:00.000-03:00',
      to: '2026-05-10T23:59:59.999-03:00',
    });
    expect(zonedDayRange(null, '2026-05-10', 'Asia/Tokyo')).toEqual({ to: '2026-05-10T23:59:59.999+09:00' });
    expect(zonedDayRange('2026-05-10', undefined, 'Asia/Tokyo')).toEqual({
      from: '2026-05-10T00:00:00.000+09:00',
    });
    expect(zonedDayRange(null, null, 'UTC')).toEqual({});
  });

  it('refuses what is not a day', () => {
    expect(() => zonedDayStart('10/05/2026', 'UTC')).toThrow(RangeError);
    expect(() => zonedDayEnd('2026-5-10', 'UTC')).toThrow(RangeError);
  });
});
