import type { Repair } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { deadlineInstant, receivedAtInstant } from './repair-dates';
import {
  emptyApplianceLine,
  emptyServiceLine,
  type RepairEditValues,
  repairEditNumberMessages,
  toEditBody,
  toEditCandidate,
  toEditValues,
} from './repair-edit-form';

const SAO_PAULO = 'America/Sao_Paulo';

/** An order as the API answers it, with what the edit drawer reads. */
function buildRepair(overrides: Partial<Repair> = {}): Repair {
  return {
    serviceDescription: 'Não gela.',
    notes: '',
    condition: '',
    accessories: [],
    priority: 'NORMAL',
    serviceType: 'REPAIR',
    // 18:00 of 10 May in São Paulo, as the order form sends it
    deadline: '2026-05-10T21:00:00.000Z',
    discount: 0,
    nf: null,
    returnGuarantee: false,
    fabricGuarantee: false,
    appliances: [],
    services: [],
    parts: [],
    ...overrides,
  } as unknown as Repair;
}

describe('the order form’s days are days on the shop’s calendar', () => {
  it('sends a deadline as 18:00 of that day in the shop', () => {
    expect(deadlineInstant('2026-05-10', SAO_PAULO)).toBe('2026-05-10T21:00:00.000Z');
    expect(deadlineInstant('2026-05-10', 'Asia/Tokyo')).toBe('2026-05-10T09:00:00.000Z');
    expect(deadlineInstant(null, SAO_PAULO)).toBeNull();
  });

  it('sends an earlier received day as its noon in the shop, and today as the moment the form opened', () => {
    const openedAt = '2026-05-11T01:30:00.000Z'; // 22:30 of 10 May in São Paulo
    expect(receivedAtInstant('2026-05-10', openedAt, SAO_PAULO)).toBe(openedAt);
    expect(receivedAtInstant('2026-05-08', openedAt, SAO_PAULO)).toBe('2026-05-08T15:00:00.000Z');
    expect(receivedAtInstant(null, openedAt, SAO_PAULO)).toBe('');
  });
});

describe('the edit drawer’s deadline', () => {
  it('shows the day the deadline falls on in the shop, not its UTC date', () => {
    // 01:00 UTC on the 11th is still the 10th in São Paulo
    const late = buildRepair({ deadline: '2026-05-11T01:00:00.000Z' });
    expect(toEditValues(late, SAO_PAULO).deadline).toBe('2026-05-10');
    expect(toEditValues(late, 'Asia/Tokyo').deadline).toBe('2026-05-11');
    expect(toEditValues(buildRepair({ deadline: null }), SAO_PAULO).deadline).toBeNull();
  });

  it('is not sent when it was not touched', () => {
    const values = toEditValues(buildRepair(), SAO_PAULO);
    expect(toEditBody(values, { ...values })).toEqual({});
  });

  it('goes out as 18:00 of the day picked in the shop, not as a bare date (midnight UTC)', () => {
    const initial = toEditValues(buildRepair(), SAO_PAULO);
    expect(toEditBody(initial, { ...initial, deadline: '2026-05-12' })).toEqual({
      deadline: '2026-05-12T21:00:00.000Z',
    });
    expect(toEditBody(initial, { ...initial, deadline: null })).toEqual({ deadline: null });
  });

  it('validates the same instant it sends', () => {
    const values = { ...toEditValues(buildRepair(), SAO_PAULO), deadline: '2026-06-01' };
    expect(toEditCandidate(values).deadline).toBe('2026-06-01T21:00:00.000Z');
  });
});

describe('the lines’ warranty days are refused on their fields, never rewritten', () => {
  /** The drawer with one appliance line and one service line whose warranty boxes hold these. */
  const withWarranty = (appliance: number | string, service: number | string): RepairEditValues => ({
    ...toEditValues(buildRepair(), SAO_PAULO),
    appliances: [{ ...emptyApplianceLine(), type: 'Geladeira', warrantyDays: appliance }],
    services: [{ ...emptyServiceLine(), description: 'Troca do termostato', warrantyDays: service }],
  });

  it.each([
    ['', '', {}],
    [90, '180', {}],
    [0, 3650, {}],
    [-30, '', { 'appliances.0.warrantyDays': { key: 'numberField.negative', values: {} } }],
    ['', '30.5', { 'services.0.warrantyDays': { key: 'numberField.whole', values: {} } }],
    [
      3651,
      '-',
      {
        'appliances.0.warrantyDays': { key: 'numberField.tooLarge', values: { max: 3650 } },
        'services.0.warrantyDays': { key: 'numberField.invalid', values: {} },
      },
    ],
  ] as const)('appliance %j and service %j days: %j', (appliance, service, expected) => {
    expect(repairEditNumberMessages(withWarranty(appliance, service))).toEqual(expected);
  });

  it('hands the schema the days as typed: −30 stays −30, an empty box is the default warranty', () => {
    const candidate = toEditCandidate(withWarranty(-30, '45'));
    expect(candidate.appliances[0]?.warrantyDays).toBe(-30);
    expect(candidate.services[0]?.warrantyDays).toBe(45);
    expect(toEditCandidate(withWarranty('', '')).services[0]?.warrantyDays).toBeUndefined();
  });

  it('reads the text a box holds while it has focus', () => {
    const values = { ...withWarranty('', ''), discount: '25.50' };
    expect(toEditCandidate(values).discount).toBe(25.5);
  });
});

describe('an emptied amount, hours or quantity box is said in words, not in zod’s English', () => {
  const lines = (): RepairEditValues => ({
    ...toEditValues(buildRepair(), SAO_PAULO),
    appliances: [{ ...emptyApplianceLine(), type: 'Geladeira' }],
    services: [{ ...emptyServiceLine(), description: 'Troca do termostato' }],
    parts: [{ componentId: 'FLT-01', name: 'Filtro', code: 'FLT-01', unit: 'UN', quantity: 1 }],
  });
  const required = { key: 'numberField.required', values: {} };

  it('says nothing of a drawer whose boxes hold numbers, or an empty optional one', () => {
    expect(repairEditNumberMessages(lines())).toEqual({});
  });

  it('names each empty box that needs a number', () => {
    const values = lines();
    const emptied: RepairEditValues = {
      ...values,
      discount: '',
      appliances: values.appliances.map((a) => ({ ...a, laborValue: '' })),
      services: values.services.map((s) => ({ ...s, hours: ' ', price: '' })),
      parts: values.parts.map((p) => ({ ...p, quantity: '' })),
    };
    expect(repairEditNumberMessages(emptied)).toEqual({
      discount: required,
      'appliances.0.laborValue': required,
      'services.0.hours': required,
      'services.0.price': required,
      'parts.0.quantity': required,
    });
  });

  it('says a box that holds no number is no number', () => {
    const values = lines();
    const dashed = { ...values, appliances: values.appliances.map((a) => ({ ...a, estimatedHours: '-' })) };
    expect(repairEditNumberMessages(dashed)).toEqual({
      'appliances.0.estimatedHours': { key: 'numberField.invalid', values: {} },
    });
  });
});
