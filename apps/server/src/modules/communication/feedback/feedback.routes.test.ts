import { randomUUID } from 'node:crypto';
import { ErrorBodySchema, FeedbackReportSchema, PublicFeedbackSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createRepair } from '../../../../test/repairs.js';
import { createSignedLinks } from '../../../platform/signed-links.js';
import { inTransaction } from '../../../platform/tx.js';

let t: TestApp;
let organizationId: string;
let technician: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp({ config: { publicUrl: 'https://oficina.example.com' } });
  technician = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Téc. Joana' });
  const { rows } = await t.deps.pool.query<{ id: string }>(`SELECT id FROM organizations WHERE is_default`);
  organizationId = rows[0]!.id;
});
afterAll(() => t.close());

/** A delivered order's feedback request, as the notification engine makes it; the token of its link. */
async function requestFor(customerName = 'Cliente Avaliação', technicianIds = [technician.id]) {
  const customer = await createCustomer(t, { name: customerName, preferences: { locale: 'es' } });
  const repair = await createRepair(t, {}, { customerId: customer.id });
  const { link } = await inTransaction(t.deps.pool, (tx) =>
    t.app.services.feedback.ensureRequest(tx, {
      organizationId,
      repairId: repair.id,
      repairNumber: repair.number,
      customerId: customer.id,
      technicianIds,
    }),
  );
  return { customer, repair, link, token: link.split('/feedback/')[1]! };
}

const answer = (token: string, body: unknown) => t.request('POST', `/api/public/feedback/${token}`, { body });

async function managerMails(repairId: string) {
  const { rows } = await t.deps.pool.query<{ to_address: string; subject: string; body_text: string }>(
    `SELECT to_address, subject, body_text FROM outbox_messages
     WHERE related_entity = 'repair' AND related_id = $1 AND subject LIKE '%NPS%'`,
    [repairId],
  );
  return rows;
}

describe('the feedback request', () => {
  it('is made once per order and links to the shop’s public address', async () => {
    const first = await requestFor();
    const again = await inTransaction(t.deps.pool, (tx) =>
      t.app.services.feedback.ensureRequest(tx, {
        organizationId,
        repairId: first.repair.id,
        repairNumber: first.repair.number,
        customerId: first.customer.id,
        technicianIds: [],
      }),
    );
    expect(first.link).toMatch(/^https:\/\/oficina\.example\.com\/feedback\/[\w-]+\.[\w-]+$/);
    const { rows } = await t.deps.pool.query(`SELECT id FROM feedback WHERE repair_id = $1`, [
      first.repair.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(again.link.split('/feedback/')[0]).toBe('https://oficina.example.com');

    const view = await t.request('GET', `/api/public/feedback/${first.token}`);
    expect(view.statusCode, view.body).toBe(200);
    const body = PublicFeedbackSchema.parse(view.json());
    expect(body).toMatchObject({ repairNumber: first.repair.number, answered: false, locale: 'es' });
    expect(body.shopName).toBeTruthy();
  });
});

describe('the customer’s answer', () => {
  it('is taken once per order: a second answer is a 409 in seed 004’s format', async () => {
    const { token } = await requestFor();
    const ok = await answer(token, { rating: 5, nps: 10, comment: 'Ótimo atendimento' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(PublicFeedbackSchema.parse(ok.json())).toMatchObject({ answered: true, rating: 5, nps: 10 });

    const again = await answer(token, { rating: 1, nps: 0 });
    expect(again.statusCode).toBe(409);
    const error = ErrorBodySchema.parse(again.json());
    expect(error.error).toBe('Conflict');
    expect(error.message).toMatch(/já foi avaliada/);

    const view = PublicFeedbackSchema.parse((await t.request('GET', `/api/public/feedback/${token}`)).json());
    expect(view).toMatchObject({ answered: true, rating: 5, nps: 10 });
  });

  it('refuses values out of range with a 400 naming the field', async () => {
    const { token } = await requestFor();
    const res = await answer(token, { rating: 6, nps: 11, comment: 'x'.repeat(2001) });
    expect(res.statusCode).toBe(400);
    const details = ErrorBodySchema.parse(res.json()).details as Record<string, string>;
    expect(Object.keys(details).sort()).toEqual(['comment', 'nps', 'rating']);
    // nothing was stored: a valid answer still goes through
    expect((await answer(token, { rating: 4, nps: 8 })).statusCode).toBe(200);
  });

  it('alerts the managers by e-mail on a low score, and not on a good one', async () => {
    const low = await requestFor('Cliente Insatisfeito');
    expect((await answer(low.token, { rating: 4, nps: 3, comment: 'Demorou demais' })).statusCode).toBe(200);
    const mails = await managerMails(low.repair.id);
    expect(mails.map((m) => m.to_address)).toContain('admin@oficina.test');
    expect(mails[0]!.subject).toContain(String(low.repair.number));
    expect(mails[0]!.body_text).toContain('Demorou demais');
    expect(mails[0]!.body_text).toContain('Cliente Insatisfeito');

    const lowRating = await requestFor();
    expect((await answer(lowRating.token, { rating: 2, nps: 9 })).statusCode).toBe(200);
    expect(await managerMails(lowRating.repair.id)).not.toHaveLength(0);

    const good = await requestFor();
    expect((await answer(good.token, { rating: 5, nps: 7 })).statusCode).toBe(200);
    expect(await managerMails(good.repair.id)).toHaveLength(0);
  });
});

describe('the link’s token', () => {
  it('answers 401 for a forged or malformed token and 404 for a request that does not exist', async () => {
    const { token } = await requestFor();
    const [payload, signature] = token.split('.');
    const forged = `${payload}.${signature!.slice(0, -2)}AA`;
    for (const bad of [forged, 'x'.repeat(40)]) {
      const res = await t.request('GET', `/api/public/feedback/${bad}`);
      expect(res.statusCode).toBe(401);
      expect(ErrorBodySchema.parse(res.json()).message).toMatch(/inválido/);
      expect((await answer(bad, { rating: 5, nps: 10 })).statusCode).toBe(401);
    }
    // a token of another purpose (an estimate's) opens nothing here
    const links = createSignedLinks(t.deps.cipher);
    const estimate = links.sign('estimate', randomUUID(), new Date(Date.now() + 86_400_000));
    expect((await t.request('GET', `/api/public/feedback/${estimate}`)).statusCode).toBe(401);
    const expired = links.sign('feedback', randomUUID(), new Date(Date.now() - 1000));
    expect((await t.request('GET', `/api/public/feedback/${expired}`)).statusCode).toBe(401);
    const missing = links.sign('feedback', randomUUID(), new Date(Date.now() + 86_400_000));
    expect((await t.request('GET', `/api/public/feedback/${missing}`)).statusCode).toBe(404);
  });
});

describe('the managers’ results', () => {
  it('lists answers newest first with names, a summary with the NPS score and a monthly series', async () => {
    const other = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Téc. Outro' });
    const answers = [
      { rating: 5, nps: 10 },
      { rating: 4, nps: 9 },
      { rating: 3, nps: 7 },
      { rating: 1, nps: 2 },
    ];
    for (const a of answers) {
      const { token } = await requestFor('Cliente Lista', [other.id]);
      expect((await answer(token, { ...a, comment: `nota ${a.rating}` })).statusCode).toBe(200);
    }
    await requestFor('Não respondeu', [other.id]);

    const res = await t.request('GET', `/api/feedback?technicianId=${other.id}`, { token: t.adminToken });
    expect(res.statusCode, res.body).toBe(200);
    const report = FeedbackReportSchema.parse(res.json());
    expect(report.summary).toMatchObject({
      asked: 5,
      answered: 4,
      averageRating: 3.25,
      promoters: 2,
      passives: 1,
      detractors: 1,
      // (2 − 1) / 4 = 25 %
      npsScore: 25,
    });
    expect(report.items.map((i) => i.comment)).toEqual(['nota 1', 'nota 3', 'nota 4', 'nota 5']);
    expect(report.items[0]).toMatchObject({
      customerName: 'Cliente Lista',
      technicians: [{ name: 'Téc. Outro' }],
    });
    expect(report.series).toHaveLength(1);
    expect(report.series[0]).toMatchObject({ answered: 4, npsScore: 25 });

    // pages by cursor
    const first = FeedbackReportSchema.parse(
      (
        await t.request('GET', `/api/feedback?technicianId=${other.id}&limit=3`, { token: t.adminToken })
      ).json(),
    );
    expect(first.items).toHaveLength(3);
    const second = FeedbackReportSchema.parse(
      (
        await t.request('GET', `/api/feedback?technicianId=${other.id}&limit=3&cursor=${first.nextCursor}`, {
          token: t.adminToken,
        })
      ).json(),
    );
    expect(second.items.map((i) => i.comment)).toEqual(['nota 5']);
    expect(second.nextCursor).toBeNull();

    // a period without answers
    const empty = FeedbackReportSchema.parse(
      (await t.request('GET', '/api/feedback?from=2001-01-01&to=2001-12-31', { token: t.adminToken })).json(),
    );
    expect(empty.summary).toMatchObject({ answered: 0, npsScore: null, averageRating: null });
  });

  it('is for managers: a technician gets 403; another shop sees none of it', async () => {
    expect((await t.request('GET', '/api/feedback', { token: technician.token })).statusCode).toBe(403);
    const outside = await otherOrganization(t);
    const res = await t.request('GET', '/api/feedback', { token: outside.token });
    expect(res.statusCode).toBe(200);
    expect(FeedbackReportSchema.parse(res.json()).items).toHaveLength(0);
  });
});
