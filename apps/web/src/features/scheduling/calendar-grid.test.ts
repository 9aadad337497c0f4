import { describe, expect, it } from 'vitest';
import {
  addMonths,
  countByDay,
  dropTarget,
  gridBounds,
  groupByDay,
  loadPercent,
  minuteOfDay,
  overlapColumns,
  placeBlock,
  snapToStep,
  stepDay,
  viewDays,
  viewRange,
  weekStart,
  workingIntervals,
} from './calendar-grid';

const SP = 'America/Sao_Paulo';

describe('the days a view covers', () => {
  it('starts the week on Monday', () => {
    expect(weekStart('2026-12-03')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
  });

  it.each([
    ['day', '2026-12-03', 1, '2026-12-03', '2026-12-03'],
    ['week', '2026-12-03', 7, '2026-11-30', '2026-12-06'],
    ['month', '2026-12-17', 42, '2026-11-30', '2027-01-10'],
    ['agenda', '2026-12-03', 14, '2026-12-03', '2026-12-16'],
  ] as const)('%s of %s has %i days from %s to %s', (view, day, length, first, last) => {
    const days = viewDays(view, day);
    expect(days).toHaveLength(length);
    expect(days[0]).toBe(first);
    expect(days.at(-1)).toBe(last);
  });

  it('reads the range from midnight to midnight in the shop', () => {
    expect(viewRange('day', '2026-12-03', SP)).toEqual({
      from: '2026-12-03T00:00:00.000-03:00',
      to: '2026-12-03T23:59:59.999-03:00',
    });
  });

  it.each([
    ['day', '2026-12-31', 1, '2027-01-01'],
    ['week', '2026-12-03', -1, '2026-11-26'],
    ['month', '2027-01-31', 1, '2027-02-28'],
    ['agenda', '2026-12-03', 1, '2026-12-10'],
  ] as const)('%s steps from %s by %i to %s', (view, day, direction, next) => {
    expect(stepDay(view, day, direction)).toBe(next);
  });

  it('keeps the day of the month where it can', () => {
    expect(addMonths('2026-03-15', -1)).toBe('2026-02-15');
  });
});

describe('the time grid', () => {
  it('reads minutes on the shop clock, clamped to the day', () => {
    expect(minuteOfDay('2026-12-03T11:30:00.000Z', '2026-12-03', SP)).toBe(8 * 60 + 30);
    expect(minuteOfDay('2026-12-02T20:00:00.000Z', '2026-12-03', SP)).toBe(0);
    expect(minuteOfDay('2026-12-04T12:00:00.000Z', '2026-12-03', SP)).toBe(24 * 60);
  });

  it("takes a technician's intervals for the day's weekday", () => {
    const hours = [
      { day: 'thu', start: '13:00', end: '18:00' },
      { day: 'thu', start: '08:00', end: '12:00' },
      { day: 'fri', start: '08:00', end: '17:00' },
    ] as const;
    expect(workingIntervals([...hours], '2026-12-03')).toEqual([
      { start: 480, end: 720 },
      { start: 780, end: 1080 },
    ]);
  });

  it('shows 07–19 unless working hours reach further', () => {
    expect(gridBounds([])).toEqual({ start: 420, end: 1140 });
    expect(gridBounds([{ start: 6 * 60 + 30, end: 20 * 60 + 15 }])).toEqual({ start: 360, end: 1260 });
  });

  it('places a block from its start to its end, cut to the grid', () => {
    const bounds = { start: 420, end: 1140 };
    const block = { id: 'a', start: '2026-12-03T11:00:00.000Z', end: '2026-12-03T12:30:00.000Z' };
    expect(placeBlock(block, '2026-12-03', bounds, SP)).toEqual({ top: 60, height: 90 });
    const early = { id: 'b', start: '2026-12-03T08:00:00.000Z', end: '2026-12-03T10:30:00.000Z' };
    expect(placeBlock(early, '2026-12-03', bounds, SP)).toEqual({ top: 0, height: 30 });
    expect(placeBlock(block, '2026-12-04', bounds, SP)).toBeNull();
  });

  it('gives overlapping blocks side-by-side columns and lone blocks the whole width', () => {
    const at = (h: number, m = 0) =>
      `2026-12-03T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;
    const layout = overlapColumns([
      { id: 'a', start: at(11), end: at(13) },
      { id: 'b', start: at(12), end: at(14) },
      { id: 'c', start: at(13), end: at(15) },
      { id: 'd', start: at(16), end: at(17) },
    ]);
    expect(layout.get('a')).toEqual({ column: 0, columns: 2 });
    expect(layout.get('b')).toEqual({ column: 1, columns: 2 });
    // c starts when a ends: it takes a's column
    expect(layout.get('c')).toEqual({ column: 0, columns: 2 });
    expect(layout.get('d')).toEqual({ column: 0, columns: 1 });
  });

  it.each([
    [7, 0],
    [8, 15],
    [22, 15],
    [23, 30],
  ])('snaps %i minutes to %i', (minutes, snapped) => {
    expect(snapToStep(minutes)).toBe(snapped);
  });
});

describe('where a dropped block lands', () => {
  const bounds = { start: 420, end: 1140 };
  const block = { id: 'a', start: '2026-12-03T12:00:00.000Z', end: '2026-12-03T13:30:00.000Z' };

  it('moves the start to the snapped drop time on the target day and keeps the duration', () => {
    // 07:00 + 128 min → 09:08 → 09:15 in São Paulo, 12:15 UTC
    expect(dropTarget(block, '2026-12-04', 128, bounds, SP)).toEqual({
      start: '2026-12-04T12:15:00.000Z',
      end: '2026-12-04T13:45:00.000Z',
    });
  });

  it('keeps the block inside the grid', () => {
    expect(dropTarget(block, '2026-12-03', 10_000, bounds, SP)).toEqual({
      start: '2026-12-03T20:30:00.000Z',
      end: '2026-12-03T22:00:00.000Z',
    });
    expect(dropTarget(block, '2026-12-03', -50, bounds, SP)?.start).toBe('2026-12-03T10:00:00.000Z');
  });

  it('is null when the block stays where it was', () => {
    expect(dropTarget(block, '2026-12-03', 120, bounds, SP)).toBeNull();
  });
});

describe('counts and lists', () => {
  const items = [
    { start: '2026-12-03T23:30:00.000Z' },
    { start: '2026-12-03T12:00:00.000Z' },
    { start: '2026-12-04T02:30:00.000Z' },
  ];

  it('counts by the day on the shop calendar', () => {
    expect([...countByDay(items, SP)]).toEqual([['2026-12-03', 3]]);
    expect([...countByDay(items, 'UTC')].sort()).toEqual([
      ['2026-12-03', 2],
      ['2026-12-04', 1],
    ]);
  });

  it('groups the agenda by day, in time order', () => {
    expect(groupByDay(items, 'UTC')).toEqual([
      ['2026-12-03', [items[1], items[0]]],
      ['2026-12-04', [items[2]]],
    ]);
  });

  it.each([
    [4, 8, 50],
    [10, 8, 125],
    [0, 0, 0],
    [2, 0, 100],
  ])('%d booked of %d available is %d%%', (booked, available, percent) => {
    expect(loadPercent(booked, available)).toBe(percent);
  });
});
