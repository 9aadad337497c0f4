import type { Appointment, CalendarOrderDate } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { bayColumns, columnsBounds, dayColumns, technicianColumns, UNASSIGNED } from './calendar-columns';

const SP = 'America/Sao_Paulo';
const ANA = '11111111-1111-4111-8111-111111111111';
const BETO = '22222222-2222-4222-8222-222222222222';
const LIFT = '33333333-3333-4333-8333-333333333333';

let seq = 0;
function appointment(start: string, end: string, extra: Partial<Appointment> = {}): Appointment {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    branchId: ANA,
    customerId: BETO,
    customerName: 'Clara',
    assetId: null,
    technicianId: null,
    technicianName: null,
    bayId: null,
    bayName: null,
    serviceIds: [],
    start,
    end,
    notes: null,
    source: 'STAFF',
    status: 'SCHEDULED',
    repairId: null,
    cancelReason: null,
    createdAt: start,
    updatedAt: start,
    version: 1,
    ...extra,
  };
}

function orderDate(at: string, technicianId: string | null): CalendarOrderDate {
  return { repairId: ANA, number: 7, kind: 'deadline', at, customerId: BETO, technicianId };
}

const DAY = '2026-12-03';
const morning = appointment('2026-12-03T12:00:00.000Z', '2026-12-03T13:00:00.000Z', {
  technicianId: ANA,
  bayId: LIFT,
});
const loose = appointment('2026-12-03T15:00:00.000Z', '2026-12-03T16:00:00.000Z');
const tomorrow = appointment('2026-12-04T12:00:00.000Z', '2026-12-04T13:00:00.000Z', { technicianId: ANA });
const all = [morning, loose, tomorrow];

describe('a day by technician', () => {
  const techs = [
    { id: ANA, name: 'Ana', workingHours: [{ day: 'thu' as const, start: '08:00', end: '17:00' }] },
    { id: BETO, name: 'Beto', workingHours: null },
  ];

  it("puts each of the day's appointments under its technician, the rest last", () => {
    const columns = technicianColumns(DAY, techs, all, [], SP);
    expect(columns.map((c) => [c.key, c.appointments.map((a) => a.id)])).toEqual([
      [ANA, [morning.id]],
      [BETO, []],
      [UNASSIGNED, [loose.id]],
    ]);
    expect(columns[0]?.working).toEqual([{ start: 480, end: 1020 }]);
    expect(columns[1]?.working).toBeNull();
    expect(columns[2]?.assign).toEqual({ technicianId: null });
  });

  it('leaves out the unassigned column when nothing falls in it', () => {
    const columns = technicianColumns(
      DAY,
      techs,
      [morning],
      [orderDate('2026-12-03T20:00:00.000Z', BETO)],
      SP,
    );
    expect(columns.map((c) => c.key)).toEqual([ANA, BETO]);
    expect(columns[1]?.orderDates).toHaveLength(1);
  });
});

describe('a day by bay', () => {
  it('puts blocks under their bay and order dates with the blocks without one', () => {
    const columns = bayColumns(
      DAY,
      [{ id: LIFT, name: 'Elevador 1' }],
      all,
      [orderDate('2026-12-03T20:00:00.000Z', ANA)],
      SP,
    );
    expect(columns.map((c) => [c.key, c.appointments.length, c.orderDates.length])).toEqual([
      [LIFT, 1, 0],
      [UNASSIGNED, 1, 1],
    ]);
    expect(columns[0]?.assign).toEqual({ bayId: LIFT });
  });
});

describe('a week of days', () => {
  it('has one column per day with what starts on it, keeping technician and bay on a move', () => {
    const columns = dayColumns([DAY, '2026-12-04'], all, [], null, SP);
    expect(columns.map((c) => c.appointments.length)).toEqual([2, 1]);
    expect(columns[0]?.assign).toBeUndefined();
  });
});

describe("the grid's hours", () => {
  it('widen to show an evening block', () => {
    const late = appointment('2026-12-03T23:00:00.000Z', '2026-12-04T00:30:00.000Z');
    const columns = dayColumns([DAY], [late], [], null, SP);
    // 20:00–21:30 in São Paulo: the grid runs to 22:00
    expect(columnsBounds(columns, SP)).toEqual({ start: 420, end: 1320 });
  });
});
