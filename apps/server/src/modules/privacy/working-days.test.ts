import { describe, expect, it } from 'vitest';
import { incidentDates } from './incidents.service.js';
import { addWorkingDays, easterSunday, isWorkingDay, nationalHolidays } from './working-days.js';

describe('Brazilian working days (the ANPD deadline)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
  ])('knows Easter Sunday of %i', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the fixed national holidays, Consciência Negra and Good Friday', () => {
    expect(nationalHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-21',
      '2026-05-01',
      '2026-09-07',
      '2026-10-12',
      '2026-11-02',
      '2026-11-15',
      '2026-11-20',
      '2026-12-25',
    ]);
    expect(nationalHolidays(2023)).not.toContain('2023-11-20');
  });

  it.each([
    ['a plain week', '2026-03-09', '2026-03-12'],
    ['across a weekend', '2026-03-12', '2026-03-17'],
    ['discovered on a Saturday', '2026-03-14', '2026-03-18'],
    ['across Tiradentes (Tuesday)', '2026-04-16', '2026-04-22'],
    ['across Good Friday and the weekend', '2026-04-01', '2026-04-07'],
    ['across Christmas and the weekend', '2026-12-23', '2026-12-29'],
  ])('counts 3 working days %s', (_label, start, deadline) => {
    expect(addWorkingDays(start, 3)).toBe(deadline);
  });

  it('treats weekends and holidays as non-working', () => {
    expect(isWorkingDay('2026-04-21')).toBe(false);
    expect(isWorkingDay('2026-04-18')).toBe(false);
    expect(isWorkingDay('2026-04-20')).toBe(true);
  });

  it('dates an incident on the shop’s calendar and keeps it 5 years', () => {
    // 01:30 UTC on Friday 17 April is still Thursday 16 April in São Paulo
    expect(incidentDates(new Date('2026-04-17T01:30:00Z'), 'America/Sao_Paulo')).toEqual({
      anpdDeadline: '2026-04-22',
      keepUntil: '2031-04-16',
    });
    expect(incidentDates(new Date('2028-02-29T12:00:00Z'), 'America/Sao_Paulo').keepUntil).toBe('2033-02-28');
  });
});
