import { describe, expect, it } from 'vitest';
import { calendarNoon, zonedDay, zonedInstant, zonedToday } from './shop-dates';

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
