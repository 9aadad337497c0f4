import { expect } from 'vitest';
import { inTransaction } from '../src/platform/tx.js';
import { runNotifications } from './communication.js';
import type { TestApp } from './helpers.js';
import { createRepair } from './repairs.js';

/**
 * What other modules keep about a customer, made through the app (issue 15 §3: the export is
 * complete): an appointment (its confirmation goes out by WhatsApp and lands in the conversation), an
 * answered feedback request, and a ticket with a reply and a staff-internal note. The customer needs a
 * phone and WhatsApp consent.
 */
export async function customerRecords(t: TestApp, customerId: string) {
  const start = new Date(Date.now() + (30 + Math.floor(Math.random() * 300)) * 86_400_000);
  start.setUTCHours(13, 0, 0, 0);
  const booked = await t.request('POST', '/api/appointments', {
    token: t.adminToken,
    body: {
      customerId,
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      notes: 'trocar o óleo',
    },
  });
  expect(booked.statusCode, booked.body).toBe(201);
  // the confirmation: an outbox message and, by WhatsApp, a message in the customer's conversation
  await runNotifications(t, { deliver: false });

  const repair = await createRepair(t, {}, { customerId });
  const { rows } = await t.deps.pool.query<{ id: string }>(
    'SELECT organization_id AS id FROM customers WHERE id = $1',
    [customerId],
  );
  const { link } = await inTransaction(t.deps.pool, (tx) =>
    t.app.services.feedback.ensureRequest(tx, {
      organizationId: rows[0]!.id,
      repairId: repair.id,
      repairNumber: repair.number,
      customerId,
      technicianIds: [],
    }),
  );
  const answered = await t.request('POST', `/api/public/feedback/${link.split('/feedback/')[1]}`, {
    body: { rating: 4, nps: 9, comment: 'Atendimento rápido, recomendo' },
  });
  expect(answered.statusCode, answered.body).toBe(200);

  const ticket = await t.request('POST', '/api/tickets', {
    token: t.adminToken,
    body: { subject: 'Barulho no motor', category: 'question', customerId, text: 'Voltou o barulho' },
  });
  expect(ticket.statusCode, ticket.body).toBe(201);
  const ticketId = ticket.json().id as string;
  const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
    token: t.adminToken,
    body: { text: 'nota interna: cliente difícil', internal: true },
  });
  expect(note.statusCode, note.body).toBe(201);
  return { appointmentId: booked.json().id as string, repairId: repair.id, ticketId };
}
