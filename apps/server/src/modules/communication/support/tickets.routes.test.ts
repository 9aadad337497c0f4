import {
  type TicketCreate,
  TicketDetailSchema,
  TicketMessageSchema,
  TicketPageSchema,
  type TicketPriority,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, customerLogin, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createRepair } from '../../../../test/repairs.js';
import type { AuthedContext } from '../../../platform/context.js';

let t: TestApp;
let technician: { id: string; token: string };
let attendant: { id: string; token: string };
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  technician = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Téo Técnico' });
  attendant = await createUserAndLogin(t, { role: 'ATTENDANT', name: 'Ana Atendente' });
  customerId = (await createCustomer(t, { name: 'Carla Cliente' })).id;
});
afterAll(() => t.close());

const HOUR = 3_600_000;

async function open(body: Partial<TicketCreate> = {}, token = t.adminToken) {
  const res = await t.request('POST', '/api/tickets', {
    token,
    body: { subject: 'Barulho no motor', category: 'question', text: 'O cliente ligou.', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return TicketDetailSchema.parse(res.json());
}

async function list(query: string, token = t.adminToken) {
  const res = await t.request('GET', `/api/tickets?${query}`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return TicketPageSchema.parse(res.json());
}

async function patch(id: string, body: Record<string, unknown>, version?: number) {
  return t.request('PATCH', `/api/tickets/${id}`, {
    token: t.adminToken,
    body,
    ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}),
  });
}

describe('opening a ticket', () => {
  it('numbers it, keeps the first message, names customer and assignee, and is opened by staff', async () => {
    const repair = await createRepair(t, {}, { customerId });
    const ticket = await open({
      subject: 'Garantia da bomba',
      category: 'warranty',
      priority: 'high',
      customerId,
      repairId: repair.id,
      assigneeId: attendant.id,
      text: 'A bomba trocada voltou a vazar.',
    });
    expect(ticket).toMatchObject({
      subject: 'Garantia da bomba',
      category: 'warranty',
      priority: 'high',
      status: 'open',
      customerId,
      customerName: 'Carla Cliente',
      repairId: repair.id,
      assigneeId: attendant.id,
      assigneeName: 'Ana Atendente',
      openedBy: 'staff',
      overdue: false,
      resolvedAt: null,
      version: 1,
    });
    expect(ticket.number).toBeGreaterThan(0);
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({ text: 'A bomba trocada voltou a vazar.', internal: false });

    const next = await open();
    expect(next.number).toBe(ticket.number + 1);
  });

  it.each([
    ['urgent', 4],
    ['high', 8],
    ['normal', 24],
    ['low', 72],
  ] as [
    TicketPriority,
    number,
  ][])('gives a %s ticket an SLA of %i hours from its creation', async (priority, hours) => {
    const ticket = await open({ priority });
    expect(Date.parse(ticket.slaDueAt) - Date.parse(ticket.createdAt)).toBe(hours * HOUR);
  });

  it('defaults to normal priority', async () => {
    const ticket = await open();
    expect(ticket.priority).toBe('normal');
    expect(Date.parse(ticket.slaDueAt) - Date.parse(ticket.createdAt)).toBe(24 * HOUR);
  });

  it('refuses bad input with a 400 naming each field', async () => {
    const res = await t.request('POST', '/api/tickets', {
      token: t.adminToken,
      body: { subject: '  ', category: 'gossip', priority: 'asap', text: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().details).sort()).toEqual(['category', 'priority', 'subject', 'text']);

    const tooLong = await t.request('POST', '/api/tickets', {
      token: t.adminToken,
      body: { subject: 'x', category: 'other', text: 'a'.repeat(5001) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().details).toHaveProperty('text');
  });

  it('refuses a customer, order or assignee that is not the organization’s (400 naming the field)', async () => {
    const other = await otherOrganization(t);
    const foreign = (await createCustomer(t, { name: 'De Fora' }, other.token)).id;
    const portal = await customerLogin(t, customerId);
    const res = await t.request('POST', '/api/tickets', {
      token: t.adminToken,
      body: {
        subject: 'x',
        category: 'other',
        text: 'y',
        customerId: foreign,
        repairId: '00000000-0000-4000-8000-000000000000',
        assigneeId: portal.id,
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(Object.keys(res.json().details).sort()).toEqual(['assigneeId', 'customerId', 'repairId']);
  });
});

describe('the ticket list', () => {
  it('filters by status, priority, assignee, customer and text, and flags overdue tickets', async () => {
    const subject = `Orçamento ${Date.now()}`;
    const mine = await open({ subject, priority: 'urgent', customerId, assigneeId: technician.id });
    const late = await open({ subject: `${subject} atrasado`, priority: 'low' });
    await t.deps.pool.query(`UPDATE tickets SET sla_due_at = now() - interval '1 hour' WHERE id = $1`, [
      late.id,
    ]);

    const byText = await list(`q=${encodeURIComponent(subject)}`);
    expect(byText.items.map((i) => i.id).sort()).toEqual([mine.id, late.id].sort());
    // the queue: the overdue one (nearest due time) comes first
    expect(byText.items[0]).toMatchObject({ id: late.id, overdue: true });
    expect(byText.items[1]).toMatchObject({ id: mine.id, overdue: false });

    expect((await list(`q=%23${mine.number}`)).items.map((i) => i.id)).toContain(mine.id);
    const assigned = await list(`assigneeId=${technician.id}`);
    expect(assigned.items.map((i) => i.id)).toContain(mine.id);
    expect(assigned.items.every((i) => i.assigneeId === technician.id)).toBe(true);
    const byCustomer = await list(`customerId=${customerId}&priority=urgent`);
    expect(byCustomer.items.map((i) => i.id)).toContain(mine.id);
    expect(byCustomer.items.every((i) => i.customerId === customerId && i.priority === 'urgent')).toBe(true);
    const overdue = await list('overdue=true&pageSize=200');
    expect(overdue.items.map((i) => i.id)).toContain(late.id);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);

    // a resolved ticket is never overdue
    expect((await patch(late.id, { status: 'resolved' })).statusCode).toBe(200);
    const resolved = await list(`status=resolved&q=${encodeURIComponent(subject)}`);
    expect(resolved.items).toEqual([expect.objectContaining({ id: late.id, overdue: false })]);
  });

  it('pages with a total', async () => {
    for (let i = 0; i < 3; i++) await open({ subject: `Página ${i}`, category: 'billing' });
    const first = await list('pageSize=2&page=1');
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThanOrEqual(3);
    const second = await list('pageSize=2&page=2');
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
  });

  it('refuses unknown filters values with a 400', async () => {
    const res = await t.request('GET', '/api/tickets?status=lost&assigneeId=nope', { token: t.adminToken });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().details).sort()).toEqual(['assigneeId', 'status']);
  });
});

describe('changing a ticket', () => {
  it('stamps resolvedAt when resolved, keeps it when closed, clears it when reopened', async () => {
    const ticket = await open();
    const resolved = await patch(ticket.id, { status: 'resolved' }, ticket.version);
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.headers.etag).toBe('"2"');
    const r = TicketDetailSchema.parse(resolved.json());
    expect(r.status).toBe('resolved');
    expect(r.resolvedAt).not.toBeNull();

    const closed = TicketDetailSchema.parse((await patch(ticket.id, { status: 'closed' }, r.version)).json());
    expect(closed.resolvedAt).toBe(r.resolvedAt);

    const reopened = TicketDetailSchema.parse((await patch(ticket.id, { status: 'pending' })).json());
    expect(reopened).toMatchObject({ status: 'pending', resolvedAt: null });
  });

  it('recomputes the SLA from the creation when the priority changes', async () => {
    const ticket = await open({ priority: 'low' });
    const res = await patch(ticket.id, { priority: 'urgent' });
    const changed = TicketDetailSchema.parse(res.json());
    expect(Date.parse(changed.slaDueAt) - Date.parse(ticket.createdAt)).toBe(4 * HOUR);
    expect(changed.createdAt).toBe(ticket.createdAt);
  });

  it('assigns and unassigns; an inactive or unknown assignee is a 400 naming it', async () => {
    const ticket = await open();
    const assigned = TicketDetailSchema.parse((await patch(ticket.id, { assigneeId: technician.id })).json());
    expect(assigned).toMatchObject({ assigneeId: technician.id, assigneeName: 'Téo Técnico' });
    const cleared = TicketDetailSchema.parse((await patch(ticket.id, { assigneeId: null })).json());
    expect(cleared.assigneeId).toBeNull();
    const bad = await patch(ticket.id, { assigneeId: '00000000-0000-4000-8000-000000000001' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toHaveProperty('assigneeId');
  });

  it('answers 412 to a stale If-Match and 400 to a bad status', async () => {
    const ticket = await open();
    expect((await patch(ticket.id, { subject: 'Novo assunto' }, ticket.version)).statusCode).toBe(200);
    expect((await patch(ticket.id, { subject: 'Outro' }, ticket.version)).statusCode).toBe(412);
    const bad = await patch(ticket.id, { status: 'archived' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toHaveProperty('status');
  });
});

describe('ticket messages', () => {
  it('adds replies and internal notes in order', async () => {
    const ticket = await open({ text: 'Primeira' });
    const reply = await t.request('POST', `/api/tickets/${ticket.id}/messages`, {
      token: attendant.token,
      body: { text: 'Ligamos de volta.' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(TicketMessageSchema.parse(reply.json())).toMatchObject({
      text: 'Ligamos de volta.',
      internal: false,
      authorUserId: attendant.id,
      authorName: 'Ana Atendente',
    });
    const note = await t.request('POST', `/api/tickets/${ticket.id}/messages`, {
      token: t.adminToken,
      body: { text: 'Cliente difícil, cuidado.', internal: true },
    });
    expect(note.statusCode).toBe(201);

    const read = TicketDetailSchema.parse(
      (await t.request('GET', `/api/tickets/${ticket.id}`, { token: technician.token })).json(),
    );
    expect(read.messages.map((m) => [m.text, m.internal])).toEqual([
      ['Primeira', false],
      ['Ligamos de volta.', false],
      ['Cliente difícil, cuidado.', true],
    ]);
    // a message is activity, not a change of the ticket: the version stays
    expect(read.version).toBe(ticket.version);
  });

  it('refuses an empty message with a 400 naming text', async () => {
    const ticket = await open();
    const res = await t.request('POST', `/api/tickets/${ticket.id}/messages`, {
      token: t.adminToken,
      body: { text: '   ', internal: 'yes' },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().details).sort()).toEqual(['internal', 'text']);
  });
});

describe('who may see and change tickets', () => {
  it('lets a technician read but not open, change or answer (403)', async () => {
    const ticket = await open();
    expect((await t.request('GET', '/api/tickets', { token: technician.token })).statusCode).toBe(200);
    expect(
      (await t.request('GET', `/api/tickets/${ticket.id}`, { token: technician.token })).statusCode,
    ).toBe(200);
    const create = await t.request('POST', '/api/tickets', {
      token: technician.token,
      body: { subject: 'x', category: 'other', text: 'y' },
    });
    expect(create.statusCode).toBe(403);
    const change = await t.request('PATCH', `/api/tickets/${ticket.id}`, {
      token: technician.token,
      body: { status: 'closed' },
    });
    expect(change.statusCode).toBe(403);
    const answer = await t.request('POST', `/api/tickets/${ticket.id}/messages`, {
      token: technician.token,
      body: { text: 'oi' },
    });
    expect(answer.statusCode).toBe(403);
  });

  it('answers 404 for another organization’s ticket and never lists it', async () => {
    const ticket = await open({ subject: 'Só desta oficina' });
    const other = await otherOrganization(t);
    expect((await t.request('GET', `/api/tickets/${ticket.id}`, { token: other.token })).statusCode).toBe(
      404,
    );
    const change = await t.request('PATCH', `/api/tickets/${ticket.id}`, {
      token: other.token,
      body: { status: 'closed' },
    });
    expect(change.statusCode).toBe(404);
    const answer = await t.request('POST', `/api/tickets/${ticket.id}/messages`, {
      token: other.token,
      body: { text: 'intruso' },
    });
    expect(answer.statusCode).toBe(404);
    const theirs = TicketPageSchema.parse(
      (await t.request('GET', '/api/tickets', { token: other.token })).json(),
    );
    expect(theirs.items.map((i) => i.id)).not.toContain(ticket.id);
  });

  it('a CUSTOMER login gets 403 from the staff routes', async () => {
    const portal = await customerLogin(t, (await createCustomer(t, { name: 'Portal Paulo' })).id);
    expect((await t.request('GET', '/api/tickets', { token: portal.token })).statusCode).toBe(403);
  });
});

describe('a ticket written by the customer (the portal’s, through the service)', () => {
  it('is opened by the customer about itself, hides internal notes and other customers’ tickets', async () => {
    const own = (await createCustomer(t, { name: 'Rita Portal' })).id;
    const portal = await customerLogin(t, own);
    const {
      rows: [user],
    } = await t.deps.pool.query<{ organization_id: string }>(
      'SELECT organization_id FROM users WHERE id = $1',
      [portal.id],
    );
    const ctx: AuthedContext = {
      actor: {
        userId: portal.id,
        name: 'Rita Portal',
        email: 'rita@portal.test',
        role: 'CUSTOMER',
        organizationId: user!.organization_id,
        branchId: null,
        sessionId: 'test',
        grants: {},
        customerId: own,
      },
      ip: null,
      userAgent: null,
      locale: 'pt-BR',
      requestId: 'test',
    };
    const support = t.app.services.support;
    const ticket = await support.createTicket(ctx, {
      subject: 'Quando fica pronto?',
      category: 'question',
      priority: 'normal',
      // ignored for a customer: it writes about itself and picks nobody
      customerId,
      assigneeId: attendant.id,
      text: 'Deixei o carro ontem.',
    });
    expect(ticket).toMatchObject({ openedBy: 'customer', customerId: own, assigneeId: null });
    expect(ticket.messages[0]).toMatchObject({ authorCustomerId: own, authorUserId: portal.id });

    await t.request('POST', `/api/tickets/${ticket.id}/messages`, {
      token: t.adminToken,
      body: { text: 'nota interna', internal: true },
    });
    await t.request('PATCH', `/api/tickets/${ticket.id}`, {
      token: t.adminToken,
      body: { status: 'pending' },
    });
    const reply = await support.addTicketMessage(ctx, ticket.id, {
      text: 'Alguma novidade?',
      internal: true,
    });
    expect(reply.internal).toBe(false);
    const seen = await support.getTicket(ctx, ticket.id);
    expect(seen.messages.map((m) => m.text)).toEqual(['Deixei o carro ontem.', 'Alguma novidade?']);
    // the customer's answer puts a ticket waiting on it back in the queue
    expect(seen.status).toBe('open');

    const someoneElses = await open({ customerId });
    await expect(support.getTicket(ctx, someoneElses.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      support.addTicketMessage(ctx, someoneElses.id, { text: 'oi', internal: false }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
