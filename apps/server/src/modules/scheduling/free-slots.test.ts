import { describe, expect, it } from 'vitest';
import { type Booking, computeCapacity, findFreeSlots, type SlotSearch } from './free-slots.js';

const SP = 'America/Sao_Paulo'; // UTC-3 all year (no DST since 2019)
const NY = 'America/New_York'; // DST from 2026-03-08 02:00 (UTC-5 → UTC-4)
const at = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

const WEEKDAY_HOURS = ['mon', 'tue', 'wed', 'thu', 'fri'].flatMap((day) => [
  { day, start: '08:00', end: '12:00' },
  { day, start: '13:00', end: '17:00' },
]);
const ana = { id: 'ana', workingHours: WEEKDAY_HOURS };
const bia = { id: 'bia', workingHours: WEEKDAY_HOURS };

// Monday 2026-03-02 in São Paulo: 08:00 local = 11:00Z
const MONDAY = { from: at('2026-03-02T03:00:00Z'), to: at('2026-03-03T03:00:00Z') };
const base: SlotSearch = {
  timeZone: SP,
  ...MONDAY,
  now: at('2026-03-01T12:00:00Z'),
  durationMinutes: 60,
  technicians: [ana],
  bays: [],
  holidays: new Set(),
  bookings: [],
  orderMinutes: new Map(),
  limit: 500,
};
const booking = (technicianId: string | null, bayId: string | null, start: string, end: string): Booking => ({
  technicianId,
  bayId,
  start: at(start),
  end: at(end),
});
const starts = (input: Partial<SlotSearch>) => findFreeSlots({ ...base, ...input }).map((s) => iso(s.start));

describe('findFreeSlots', () => {
  it.each([
    {
      name: 'working hours with a lunch break: no slot crosses 12:00–13:00',
      input: {},
      count: 26,
      first: '2026-03-02T11:00:00.000Z',
      last: '2026-03-02T19:00:00.000Z',
      absent: ['2026-03-02T14:15:00.000Z', '2026-03-02T15:00:00.000Z'],
    },
    {
      name: 'a holiday closes the day',
      input: { holidays: new Set(['2026-03-02']) },
      count: 0,
    },
    {
      name: 'a booking 09:00–10:00 takes the starts that would overlap it',
      input: { bookings: [booking('ana', null, '2026-03-02T12:00:00Z', '2026-03-02T13:00:00Z')] },
      count: 26 - 7,
      first: '2026-03-02T11:00:00.000Z',
      absent: ['2026-03-02T11:15:00.000Z', '2026-03-02T12:45:00.000Z'],
      present: ['2026-03-02T13:00:00.000Z'],
    },
    {
      name: 'another technician’s booking changes nothing',
      input: { bookings: [booking('bia', null, '2026-03-02T12:00:00Z', '2026-03-02T13:00:00Z')] },
      count: 26,
    },
    {
      name: 'a 5-hour job fits in no stretch between breaks',
      input: { durationMinutes: 300 },
      count: 0,
    },
    {
      name: 'a 4-hour job fits exactly in the morning and the afternoon',
      input: { durationMinutes: 240 },
      count: 2,
      first: '2026-03-02T11:00:00.000Z',
      last: '2026-03-02T16:00:00.000Z',
    },
    {
      name: 'the open orders’ remaining hours fill the technician’s time from now',
      input: { now: at('2026-03-02T11:00:00Z'), orderMinutes: new Map([['ana', 120]]) },
      count: 26 - 8,
      first: '2026-03-02T13:00:00.000Z',
    },
    {
      name: 'nothing before now, and starts on the 15-minute grid',
      input: { now: at('2026-03-02T17:07:00Z') },
      first: '2026-03-02T17:15:00.000Z',
      count: 8,
    },
    {
      name: 'with bays, a slot needs a free bay',
      input: {
        bays: ['bay1'],
        bookings: [booking('bia', 'bay1', '2026-03-02T11:00:00Z', '2026-03-02T15:00:00Z')],
      },
      count: 13,
      first: '2026-03-02T16:00:00.000Z',
    },
    {
      name: 'two bays: the second is free while the first is taken',
      input: {
        bays: ['bay1', 'bay2'],
        bookings: [booking('bia', 'bay1', '2026-03-02T11:00:00Z', '2026-03-02T15:00:00Z')],
      },
      count: 26,
    },
    {
      name: 'a weekend without working hours has no slot',
      input: { from: at('2026-03-07T03:00:00Z'), to: at('2026-03-09T03:00:00Z') },
      count: 0,
    },
  ])('$name', ({ input, count, first, last, absent, present }) => {
    const found = starts(input as Partial<SlotSearch>);
    expect(found).toHaveLength(count);
    if (first) expect(found[0]).toBe(first);
    if (last) expect(found.at(-1)).toBe(last);
    for (const a of absent ?? []) expect(found).not.toContain(a);
    for (const p of present ?? []) expect(found).toContain(p);
  });

  it('follows a zone with daylight saving time: 08:00 local is 13:00Z on Saturday, 12:00Z on Sunday', () => {
    const weekend = {
      id: 'ana',
      workingHours: [
        { day: 'sat', start: '08:00', end: '09:00' },
        { day: 'sun', start: '08:00', end: '09:00' },
      ],
    };
    const found = starts({
      timeZone: NY,
      technicians: [weekend],
      from: at('2026-03-07T00:00:00Z'),
      to: at('2026-03-09T12:00:00Z'),
    });
    expect(found).toEqual(['2026-03-07T13:00:00.000Z', '2026-03-08T12:00:00.000Z']);
  });

  it('gives one slot per start (the first free technician) unless asked for every technician', () => {
    const bookings = [booking('ana', null, '2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z')];
    const one = findFreeSlots({ ...base, technicians: [ana, bia], bookings });
    expect(one).toHaveLength(26);
    expect(one[0]).toMatchObject({ start: at('2026-03-02T11:00:00Z'), technicianId: 'bia' });
    expect(one.find((s) => s.start === at('2026-03-02T12:00:00Z'))?.technicianId).toBe('ana');
    const every = findFreeSlots({ ...base, technicians: [ana, bia], bookings, perTechnician: true });
    expect(every).toHaveLength(52 - 4);
  });

  it('stops at the limit, earliest first', () => {
    expect(starts({ limit: 3 })).toEqual([
      '2026-03-02T11:00:00.000Z',
      '2026-03-02T11:15:00.000Z',
      '2026-03-02T11:30:00.000Z',
    ]);
  });
});

describe('computeCapacity', () => {
  const input = {
    timeZone: SP,
    date: '2026-03-02',
    // 11:00 local
    now: at('2026-03-02T14:00:00Z'),
    technicians: [ana],
    holidays: new Set<string>(),
    bookings: [booking('ana', null, '2026-03-02T17:00:00Z', '2026-03-02T18:00:00Z')],
  };

  it('flags "the 17:00 promise" at 11:00 when the remaining hours exceed the time left', () => {
    const [figures] = computeCapacity({
      ...input,
      orders: [
        { repairId: 'r1', technicianId: 'ana', remainingMinutes: 300, deadline: at('2026-03-02T20:00:00Z') },
      ],
    });
    // 11–12 and 13–17, less the 14:00 appointment: 4 hours left
    expect(figures).toMatchObject({
      technicianId: 'ana',
      availableMinutes: 480,
      appointmentMinutes: 60,
      orderMinutes: 240,
      atRisk: [{ repairId: 'r1', remainingMinutes: 300, availableMinutes: 240 }],
    });
  });

  it('does not flag an order that fits before its deadline', () => {
    const [figures] = computeCapacity({
      ...input,
      orders: [
        { repairId: 'r1', technicianId: 'ana', remainingMinutes: 180, deadline: at('2026-03-02T20:00:00Z') },
      ],
    });
    expect(figures).toMatchObject({ orderMinutes: 180, atRisk: [] });
  });

  it('has no available hours on a holiday', () => {
    const [figures] = computeCapacity({ ...input, holidays: new Set(['2026-03-02']), orders: [] });
    expect(figures).toMatchObject({ availableMinutes: 0, orderMinutes: 0 });
  });
});
