import { AppointmentCreateSchema, AppointmentUpdateSchema, type Slot } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import {
  appointmentRanges,
  bookingBody,
  bookingDays,
  conflictNextSlots,
  customerChangeRule,
  rescheduleBody,
  splitAppointments,
} from './booking';

const CUSTOMER = '7d0c1c1e-8a53-4f0e-9d55-3f1f2a9b6c01';
const ASSET = '0f5b8c52-3f0a-4a4b-9a53-9a0f3f6f4e11';
const SERVICE = '3b8f6a2e-5c1d-4e7f-8a9b-0c1d2e3f4a5b';
const TECHNICIAN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const slot: Slot = {
  start: '2026-12-07T12:00:00.000Z',
  end: '2026-12-07T13:30:00.000Z',
  technicianId: TECHNICIAN,
  bayId: null,
};
const HOUR = 3_600_000;
const now = new Date('2026-12-07T09:00:00.000Z');

describe('the booking body', () => {
  it("books the chosen slot's start, technician and bay for the customer's asset and services", () => {
    const body = bookingBody({
      customerId: CUSTOMER,
      assetId: ASSET,
      serviceIds: [SERVICE],
      slot,
      notes: '  barulho na roda  ',
    });
    expect(body).toEqual({
      customerId: CUSTOMER,
      assetId: ASSET,
      serviceIds: [SERVICE],
      technicianId: TECHNICIAN,
      bayId: null,
      start: slot.start,
      notes: 'barulho na roda',
    });
    // no end: the services' standard hours set it on the server, as the slot search did
    expect(body).not.toHaveProperty('end');
    expect(AppointmentCreateSchema.parse(body).serviceIds).toEqual([SERVICE]);
  });

  it('sends blank notes as null', () => {
    expect(
      bookingBody({ customerId: CUSTOMER, assetId: ASSET, serviceIds: [SERVICE], slot, notes: ' ' }).notes,
    ).toBe(null);
  });

  it('moves to a new slot with its technician and bay, keeping the duration (no end)', () => {
    const body = rescheduleBody({ ...slot, bayId: ASSET });
    expect(body).toEqual({ start: slot.start, technicianId: TECHNICIAN, bayId: ASSET });
    expect(() => AppointmentUpdateSchema.parse(body)).not.toThrow();
  });
});

describe('whether the customer may still change an appointment', () => {
  it.each([
    ['3 hours ahead, scheduled', 'SCHEDULED', 3 * HOUR, { allowed: true }],
    ['exactly 2 hours ahead, confirmed', 'CONFIRMED', 2 * HOUR, { allowed: true }],
    ['1 h 59 ahead', 'SCHEDULED', 2 * HOUR - 60_000, { allowed: false, reason: 'too_late' }],
    ['already started', 'CONFIRMED', -HOUR, { allowed: false, reason: 'too_late' }],
    ['cancelled', 'CANCELLED', 48 * HOUR, { allowed: false, reason: 'status' }],
    ['arrived', 'ARRIVED', 48 * HOUR, { allowed: false, reason: 'status' }],
  ] as const)('%s → %j', (_case, status, ahead, rule) => {
    const start = new Date(now.getTime() + ahead).toISOString();
    expect(customerChangeRule({ status, start }, now)).toEqual(rule);
  });
});

describe('the days offered', () => {
  it("starts today on the shop's calendar, not the device's", () => {
    // 01:30 UTC on the 8th is still the 7th in São Paulo
    const days = bookingDays('America/Sao_Paulo', new Date('2026-12-08T01:30:00Z'));
    expect(days).toHaveLength(14);
    expect(days[0]).toBe('2026-12-07');
    expect(days[13]).toBe('2026-12-20');
  });

  it('crosses the month and the year', () => {
    expect(bookingDays('UTC', new Date('2026-12-30T12:00:00Z'), 4)).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });
});

describe('my appointments', () => {
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR).toISOString();
  const item = (id: string, status: 'SCHEDULED' | 'CONFIRMED' | 'CANCELLED' | 'ARRIVED', hours: number) => ({
    id,
    status,
    start: at(hours),
    end: at(hours + 1),
  });

  it('lists what is still to come soonest first, and the rest newest first', () => {
    const { upcoming, past } = splitAppointments(
      [
        item('later', 'SCHEDULED', 48),
        item('cancelled', 'CANCELLED', 24),
        item('soon', 'CONFIRMED', 3),
        item('yesterday', 'ARRIVED', -24),
        item('under way', 'SCHEDULED', -0.5),
        item('last week', 'SCHEDULED', -170),
      ],
      now,
    );
    expect(upcoming.map((a) => a.id)).toEqual(['under way', 'soon', 'later']);
    expect(past.map((a) => a.id)).toEqual(['cancelled', 'yesterday', 'last week']);
  });

  it('reads two ranges of at most 62 days around now', () => {
    const ranges = appointmentRanges(now);
    expect(ranges).toHaveLength(2);
    expect(ranges[0]!.to).toBe(now.toISOString());
    expect(ranges[1]!.from).toBe(now.toISOString());
    for (const range of ranges)
      expect(Date.parse(range.to) - Date.parse(range.from)).toBeLessThanOrEqual(62 * 24 * HOUR);
  });
});

describe('a refused booking (409)', () => {
  it('offers the next free slots the server sent', () => {
    expect(conflictNextSlots({ resource: 'technician', resourceId: TECHNICIAN, nextSlots: [slot] })).toEqual([
      slot,
    ]);
    expect(conflictNextSlots({ nextSlots: [] })).toEqual([]);
  });

  it('offers none when the details say nothing of slots', () => {
    expect(conflictNextSlots(undefined)).toEqual([]);
    expect(conflictNextSlots({ nextSlots: 'soon' })).toEqual([]);
  });
});
