import { describe, expect, it } from 'vitest';
import type { MaintenancePlanRow } from './maintenance.repo.js';
import {
  assertIntervals,
  evaluatePlan,
  type FinishedOrderOnAsset,
  servedByOrder,
  servingOrder,
} from './plan-rules.js';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

function plan(overrides: Partial<MaintenancePlanRow> = {}): MaintenancePlanRow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    organizationId: '00000000-0000-4000-8000-000000000002',
    assetId: '00000000-0000-4000-8000-000000000003',
    customerId: '00000000-0000-4000-8000-000000000004',
    templateKey: 'vehicle.oil_change',
    serviceId: null,
    name: 'Troca de óleo',
    intervalKm: 10_000,
    intervalHours: null,
    intervalMonths: 6,
    lastServiceAt: day('2026-01-01'),
    lastServiceKm: 50_000,
    lastServiceHours: null,
    lastServiceRepairId: null,
    nextDueAt: null,
    dueReason: null,
    lastRemindedAt: null,
    active: true,
    createdAt: day('2026-01-01'),
    updatedAt: day('2026-01-01'),
    version: 1,
    ...overrides,
  };
}

const order = (finishedAt: string, odometerKm: number | null = null): FinishedOrderOnAsset => ({
  assetId: '00000000-0000-4000-8000-000000000003',
  catalogId: null,
  repairId: '00000000-0000-4000-8000-000000000009',
  finishedAt: new Date(finishedAt),
  odometerKm,
  hourMeter: null,
});

describe('servedByOrder', () => {
  it('takes an order finished after the last service, with its odometer rounded', () => {
    expect(servedByOrder(plan(), order('2026-05-10T15:00:00Z', 59_800.4))).toEqual({
      at: new Date('2026-05-10T15:00:00Z'),
      km: 59_800,
      hours: null,
      repairId: '00000000-0000-4000-8000-000000000009',
    });
  });

  it.each([
    ['no order', undefined],
    ['an order finished before the last service', order('2025-12-20T10:00:00Z', 49_000)],
    ['an order finished at the last service', order('2026-01-01T00:00:00Z', 50_000)],
  ])('ignores %s', (_name, latest) => {
    expect(servedByOrder(plan(), latest)).toBeNull();
  });

  it('ignores the order that already served the plan', () => {
    const served = plan({ lastServiceRepairId: '00000000-0000-4000-8000-000000000009', lastServiceAt: null });
    expect(servedByOrder(served, order('2026-05-10T15:00:00Z'))).toBeNull();
  });
});

describe('servingOrder: which finished order may serve a plan', () => {
  const OIL = '00000000-0000-4000-8000-0000000000a1';
  const BRAKES = '00000000-0000-4000-8000-0000000000a2';
  // the repairs module's rows: the latest order of all (catalogId null), the latest per service asked for
  const latest = { ...order('2026-05-10T15:00:00Z'), repairId: 'latest-of-all' };
  const latestOil = { ...order('2026-04-01T15:00:00Z'), catalogId: OIL, repairId: 'latest-with-oil' };
  const latestBrakes = {
    ...order('2026-03-01T15:00:00Z'),
    catalogId: BRAKES,
    repairId: 'latest-with-brakes',
  };

  it.each<[string, string | null, FinishedOrderOnAsset[], string | undefined]>([
    ['a plan without a service: the latest order of all', null, [latest, latestOil], 'latest-of-all'],
    ['a plan without a service, no finished order', null, [], undefined],
    ['a plan of a service: the latest order with that service', OIL, [latest, latestOil], 'latest-with-oil'],
    [
      'a plan of a service among several services',
      BRAKES,
      [latest, latestOil, latestBrakes],
      'latest-with-brakes',
    ],
    ['a plan of a service no order had: none, however recent', BRAKES, [latest, latestOil], undefined],
  ])('%s', (_name, serviceId, orders, expected) => {
    expect(servingOrder({ serviceId }, orders)?.repairId).toBe(expected);
  });

  it.each<[string, string | null, string | undefined]>([
    ['a plan without a service counts again from a newer order of any service', null, 'latest-of-all'],
    ['a plan of a service ignores a newer order without it', BRAKES, undefined],
    ['a plan of a service counts again from a newer order with it', OIL, 'latest-with-oil'],
  ])('%s', (_name, serviceId, servedBy) => {
    const result = evaluatePlan(plan({ serviceId }), {
      readings: [],
      finishedOrders: [latest, latestOil],
      frequency: 'monthly',
      now: day('2026-06-01'),
    });
    expect(result.served?.repairId).toBe(servedBy);
  });
});

describe('evaluatePlan', () => {
  const readings = [
    { at: day('2026-01-01'), value: 50_000, kind: 'odometer' as const },
    { at: day('2026-03-02'), value: 56_000, kind: 'odometer' as const },
  ];

  it('projects the due date and the first reminder 14 days before it', () => {
    const result = evaluatePlan(plan(), {
      readings,
      finishedOrders: [],
      frequency: 'monthly',
      now: day('2026-03-02'),
    });
    expect(result.projection.dueAt).toEqual(day('2026-04-11'));
    expect(result.reminderAt).toEqual(day('2026-03-28'));
    expect(result.served).toBeNull();
  });

  it('counts again from a newer finished order: the due date moves ahead', () => {
    const result = evaluatePlan(plan(), {
      readings,
      finishedOrders: [order('2026-03-01T12:00:00Z', 56_000)],
      frequency: 'monthly',
      now: day('2026-03-02'),
    });
    expect(result.served?.km).toBe(56_000);
    expect(result.projection.dueAt!.getTime()).toBeGreaterThan(day('2026-06-01').getTime());
  });

  it('never reminds a customer who asked for none, nor for an inactive plan', () => {
    const facts = { readings, finishedOrders: [], now: day('2026-04-20') };
    expect(evaluatePlan(plan(), { ...facts, frequency: 'none' }).reminderAt).toBeNull();
    expect(evaluatePlan(plan({ active: false }), { ...facts, frequency: 'monthly' }).reminderAt).toBeNull();
  });
});

describe('assertIntervals', () => {
  it.each([
    [{ intervalKm: null, intervalHours: null, intervalMonths: null }, 'vehicle', 'intervalKm'],
    [{ intervalKm: 10_000, intervalHours: null, intervalMonths: null }, 'appliance', 'intervalKm'],
    [{ intervalKm: null, intervalHours: 250, intervalMonths: null }, 'vehicle', 'intervalHours'],
  ] as const)('refuses %o on a %s naming %s', (intervals, kind, field) => {
    expect(() => assertIntervals(intervals, kind)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', details: { [field]: expect.any(String) } }),
    );
  });

  it('accepts hours on a machine and months on an appliance', () => {
    expect(() =>
      assertIntervals({ intervalKm: null, intervalHours: 250, intervalMonths: null }, 'machine'),
    ).not.toThrow();
    expect(() =>
      assertIntervals({ intervalKm: null, intervalHours: null, intervalMonths: 12 }, 'appliance'),
    ).not.toThrow();
  });
});
