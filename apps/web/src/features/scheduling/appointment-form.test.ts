import { AppointmentCreateSchema } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { emptyAppointment, servicesMinutes, slotValues, toAppointmentCreate } from './appointment-form';
import { allowedActions, isMovable } from './display';

const SP = 'America/Sao_Paulo';
const CUSTOMER = '0b8f1c1e-5d0a-4d6c-9a39-6f7b1f0c2a11';
const SERVICE = '5f0f7f3a-8c1b-4f63-9a0e-2d3b7c4e5f60';
const TECH = '9a7c2d1e-3b4f-4a5b-8c6d-7e8f9a0b1c2d';

describe('the new appointment body', () => {
  it('is null until a day and a time are given', () => {
    expect(toAppointmentCreate({ ...emptyAppointment(), customerId: CUSTOMER }, SP)).toBeNull();
    expect(toAppointmentCreate({ ...emptyAppointment('2026-12-03'), time: '25:00' }, SP)).toBeNull();
  });

  it('books services from the shop wall time and lets the server set the end', () => {
    const body = toAppointmentCreate(
      {
        ...emptyAppointment('2026-12-03'),
        customerId: CUSTOMER,
        serviceIds: [SERVICE],
        technicianId: TECH,
        time: '09:15',
        notes: '  brakes squeal ',
        source: 'PHONE',
      },
      SP,
    );
    expect(body).toEqual({
      customerId: CUSTOMER,
      assetId: null,
      serviceIds: [SERVICE],
      technicianId: TECH,
      bayId: null,
      start: '2026-12-03T12:15:00.000Z',
      notes: 'brakes squeal',
      source: 'PHONE',
    });
    expect(AppointmentCreateSchema.safeParse(body).success).toBe(true);
  });

  it('sets the end from the chosen duration when there are no services', () => {
    const body = toAppointmentCreate(
      { ...emptyAppointment('2026-12-03'), customerId: CUSTOMER, time: '14:00', durationMinutes: 90 },
      SP,
    );
    expect(body?.end).toBe('2026-12-03T18:30:00.000Z');
    expect(body?.notes).toBeNull();
  });
});

describe('a free slot in the form', () => {
  it('reads the day and the time on the shop clock', () => {
    expect(
      slotValues(
        {
          start: '2026-12-04T01:30:00.000Z',
          end: '2026-12-04T02:30:00.000Z',
          technicianId: TECH,
          bayId: null,
        },
        SP,
      ),
    ).toEqual({ day: '2026-12-03', time: '22:30', technicianId: TECH, bayId: null });
  });

  it('adds up the standard hours of the chosen services', () => {
    const catalog = [
      { id: 'a', standardHours: 1.5 },
      { id: 'b', standardHours: 0.25 },
    ];
    expect(servicesMinutes(['a', 'b'], catalog)).toBe(105);
    expect(servicesMinutes(['x'], catalog)).toBe(0);
  });
});

describe('what the calendar offers per status', () => {
  it.each([
    ['SCHEDULED', ['confirm', 'arrive', 'no-show', 'cancel'], true],
    ['CONFIRMED', ['arrive', 'no-show', 'cancel'], true],
    ['ARRIVED', [], false],
    ['NO_SHOW', [], false],
    ['CANCELLED', [], false],
  ] as const)('%s allows %j and movable is %s', (status, actions, movable) => {
    expect(allowedActions(status)).toEqual(actions);
    expect(isMovable(status)).toBe(movable);
  });
});
