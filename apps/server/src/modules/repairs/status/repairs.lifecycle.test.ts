import {
  ComponentSchema,
  EstimateListSchema,
  EstimateWithLinkSchema,
  PublicEstimateSchema,
  RepairEventListSchema,
  RepairSchema,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotifications } from '../../../../test/communication.js';
import { createAsset, createCustomer, customerLogin } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createComponent } from '../../../../test/inventory.js';
import { completeChecklist, createRepair, moveRepair } from '../../../../test/repairs.js';

let t: TestApp;
let manager: { id: string; token: string };
let technician: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  manager = await createUserAndLogin(t, { role: 'MANAGER', name: 'Gerson Gerente' });
  technician = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Tânia Técnica' });
});
afterAll(() => t.close());

async function stockOf(id: string) {
  const c = ComponentSchema.parse(
    (await t.request('GET', `/api/components/${id}`, { token: t.adminToken })).json(),
  );
  return { stock: c.stock, reserved: c.reserved };
}

async function orderWithPart(quantity = 2, stock = 10) {
  const part = await createComponent(t, { name: 'Compressor', price: 300, stock });
  const repair = await createRepair(t, { parts: [{ componentId: part.id, quantity }] });
  return { part, repair };
}

function status(id: string, to: string, token = t.adminToken, headers: Record<string, string> = {}) {
  return t.request('POST', `/api/repairs/${id}/status`, { token, body: { status: to }, headers });
}

describe('status machine', () => {
  it('refuses a move the machine does not have with 409 naming the allowed statuses', async () => {
    const { repair } = await orderWithPart();
    const res = await status(repair.id, 'ENTREGUE');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(
      'Não é possível passar de Não iniciado para Entregue. A partir de Não iniciado: Aguardando aprovação, Aguardando peças, Em andamento, Cancelado',
    );
    expect(res.json().details).toEqual({
      from: 'NAO_INICIADO',
      to: 'ENTREGUE',
      allowed: ['AGUARDANDO_APROVACAO', 'AGUARDANDO_PECAS', 'EM_ANDAMENTO', 'CANCELADO'],
    });
    const en = await status(repair.id, 'FINALIZADO', t.adminToken, { 'accept-language': 'en' });
    expect(en.json().message).toMatch(/^Cannot move from Not started to Finished/);
  });

  it('takes an order from intake to delivery: review checklist, manager approval, parts consumed, events', async () => {
    const { part, repair } = await orderWithPart(2, 10);
    expect(await stockOf(part.id)).toEqual({ stock: 8, reserved: 2 });
    await moveRepair(t, repair.id, ['EM_ANDAMENTO', 'EM_REVISAO'], technician.token);
    // a technician cannot give the final approval
    const byTech = await status(repair.id, 'FINALIZADO', technician.token);
    expect(byTech.statusCode).toBe(403);
    expect(byTech.json().message).toBe(
      'A aprovação final (FINALIZADO) é feita por um gerente ou administrador',
    );
    // the manager cannot finish before the checklist is complete
    const early = await status(repair.id, 'FINALIZADO', manager.token);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/^Conclua a lista de revisão antes de finalizar/);
    expect(early.json().details.pending).toEqual(['work_done', 'parts_as_planned', 'tested', 'asset_clean']);
    const checked = await completeChecklist(t, repair.id, technician.token);
    expect(checked.checklist.every((c) => c.done && c.doneBy === 'Tânia Técnica')).toBe(true);
    const finished = RepairSchema.parse((await status(repair.id, 'FINALIZADO', manager.token)).json());
    expect(finished).toMatchObject({ status: 'FINALIZADO', approvedBy: 'Gerson Gerente' });
    expect(finished.finishedAt).toBeTruthy();
    expect(finished.parts[0]!.stockState).toBe('consumed');
    expect(new Date(finished.warrantyUntil!).getTime() - new Date(finished.finishedAt!).getTime()).toBe(
      90 * 86_400_000,
    );
    // finishing turns the reservation into consumption
    expect(await stockOf(part.id)).toEqual({ stock: 8, reserved: 0 });
    const delivered = RepairSchema.parse((await status(repair.id, 'ENTREGUE')).json());
    expect(delivered.deliveredAt).toBeTruthy();
    // a closed order cannot be edited
    const edit = await t.request('PATCH', `/api/repairs/${repair.id}`, {
      token: t.adminToken,
      body: { notes: 'x' },
    });
    expect(edit.statusCode).toBe(409);
    const events = RepairEventListSchema.parse(
      (await t.request('GET', `/api/repairs/${repair.id}/events`, { token: technician.token })).json(),
    );
    expect(
      events.items
        .filter((e) => e.type === 'status' || e.type === 'created')
        .map((e) => [e.fromStatus, e.toStatus]),
    ).toEqual([
      ['FINALIZADO', 'ENTREGUE'],
      ['EM_REVISAO', 'FINALIZADO'],
      ['EM_ANDAMENTO', 'EM_REVISAO'],
      ['NAO_INICIADO', 'EM_ANDAMENTO'],
      [null, 'NAO_INICIADO'],
    ]);
  });

  it('releases reserved parts on cancellation', async () => {
    const { part, repair } = await orderWithPart(3, 5);
    expect(await stockOf(part.id)).toEqual({ stock: 2, reserved: 3 });
    await moveRepair(t, repair.id, ['EM_ANDAMENTO', 'CANCELADO']);
    expect(await stockOf(part.id)).toEqual({ stock: 5, reserved: 0 });
    const again = await status(repair.id, 'EM_ANDAMENTO');
    expect(again.statusCode).toBe(409);
    expect(again.json().details.allowed).toEqual([]);
  });

  it('lets exactly one of two concurrent moves from the same status win', async () => {
    const { part, repair } = await orderWithPart(1, 5);
    const [a, b] = await Promise.all([status(repair.id, 'CANCELADO'), status(repair.id, 'CANCELADO')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await stockOf(part.id)).toEqual({ stock: 5, reserved: 0 });
  });

  it('honours If-Match on a move', async () => {
    const { repair } = await orderWithPart();
    const stale = await status(repair.id, 'EM_ANDAMENTO', t.adminToken, { 'if-match': '"99"' });
    expect(stale.statusCode).toBe(412);
    const fresh = await status(repair.id, 'EM_ANDAMENTO', t.adminToken, {
      'if-match': `"${repair.version}"`,
    });
    expect(fresh.statusCode).toBe(200);
  });
});

describe('editing an order', () => {
  it('recalculates totals and moves stock by the difference when lines change', async () => {
    const a = await createComponent(t, { name: 'Filtro', price: 20, stock: 10 });
    const b = await createComponent(t, { name: 'Correia', price: 55.5, stock: 4 });
    const repair = await createRepair(t, { parts: [{ componentId: a.id, quantity: 2 }] });
    const patch = (body: unknown, version: number) =>
      t.request('PATCH', `/api/repairs/${repair.id}`, {
        token: t.adminToken,
        body,
        headers: { 'if-match': `"${version}"` },
      });
    const res = await patch(
      {
        parts: [
          { componentId: a.id, quantity: 5 },
          { componentId: b.id, quantity: 1 },
        ],
        discount: 10,
        appliances: [{ ...repair.appliances[0], laborValue: 200 }],
      },
      repair.version,
    );
    expect(res.statusCode, res.body).toBe(200);
    const edited = RepairSchema.parse(res.json());
    expect(edited).toMatchObject({ partsTotal: 155.5, laborValue: 200, discount: 10, totalValue: 345.5 });
    expect(edited.version).toBe(repair.version + 1);
    expect(edited.appliances[0]!.id).toBe(repair.appliances[0]!.id);
    expect(await stockOf(a.id)).toEqual({ stock: 5, reserved: 5 });
    expect(await stockOf(b.id)).toEqual({ stock: 3, reserved: 1 });
    // stale version
    expect((await patch({ notes: 'x' }, repair.version)).statusCode).toBe(412);
    // more than there is: 422, nothing kept
    const short = await patch({ parts: [{ componentId: b.id, quantity: 10 }] }, edited.version);
    expect(short.statusCode).toBe(422);
    expect(short.json().details).toEqual({ componentId: b.id, requested: 9, available: 3 });
    expect(await stockOf(a.id)).toEqual({ stock: 5, reserved: 5 });
    // removing a part gives it back
    const removed = await patch({ parts: [{ componentId: b.id, quantity: 1 }] }, edited.version);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await stockOf(a.id)).toEqual({ stock: 10, reserved: 0 });
    expect(removed.json()).toMatchObject({ partsTotal: 55.5, totalValue: 245.5 });
    // a line id from another order is refused
    const alien = await patch(
      { appliances: [{ id: '123e4567-e89b-12d3-a456-426614174000', type: 'Fogão', laborValue: 1 }] },
      removed.json().version,
    );
    expect(alien.statusCode).toBe(404);
  });
});

describe('estimates and the customer approval', () => {
  it('sends a versioned estimate; the customer approves one line and declines another through the link', async () => {
    const customer = await createCustomer(t, { name: 'Ana Aprovadora', email: 'ana@cliente.test' });
    const part = await createComponent(t, { name: 'Ventoinha', price: 60, stock: 3 });
    const repair = await createRepair(
      t,
      {
        parts: [{ componentId: part.id, quantity: 1 }],
        services: [{ description: 'Limpeza do condensador', hours: 1, price: 80 }],
      },
      { customerId: customer.id },
    );
    const sent = await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
      token: t.adminToken,
      body: { validDays: 10 },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const estimate = EstimateWithLinkSchema.parse(sent.json());
    expect(estimate).toMatchObject({
      version: 1,
      status: 'pending',
      partsTotal: 60,
      laborValue: 230,
      totalValue: 290,
    });
    expect(estimate.documentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(estimate.link).toMatch(/\/estimate\/[\w-]+\.[\w-]+$/);
    const order = RepairSchema.parse(
      (await t.request('GET', `/api/repairs/${repair.id}`, { token: t.adminToken })).json(),
    );
    expect(order.status).toBe('AGUARDANDO_APROVACAO');
    expect(order.parts[0]!.approval).toBe('pending');
    // the link was e-mailed once the notification job ran (outbox, no SMTP here)
    await runNotifications(t);
    const outbox = (await t.request('GET', '/api/outbox', { token: t.adminToken })).json();
    expect(JSON.stringify(outbox)).toContain('ana@cliente.test');
    expect(JSON.stringify(outbox)).toContain(estimate.link);
    // starting before the answer is refused
    const early = await status(repair.id, 'EM_ANDAMENTO');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('O cliente ainda não respondeu ao orçamento');

    const token = estimate.link.split('/estimate/')[1]!;
    const viewRes = await t.request('GET', `/api/public/estimates/${token}`);
    expect(viewRes.statusCode, viewRes.body).toBe(200);
    const view = PublicEstimateSchema.parse(viewRes.json());
    expect(view).toMatchObject({
      customerName: 'Ana Aprovadora',
      canDecide: true,
      isExpired: false,
      timeZone: 'America/Sao_Paulo',
      paymentTerms: null,
    });
    expect(view.lines).toHaveLength(3);
    // CDC art. 40: the quote states the shop's payment terms once the shop has set them
    const org = (await t.request('GET', '/api/organization', { token: t.adminToken })).json();
    await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { paymentTerms: 'Pix, dinheiro ou cartão em até 3x; 50% na aprovação' },
      headers: { 'if-match': `"${org.version}"` },
    });
    expect((await t.request('GET', `/api/public/estimates/${token}`)).json().paymentTerms).toBe(
      'Pix, dinheiro ou cartão em até 3x; 50% na aprovação',
    );
    expect((await t.request('GET', `/api/public/estimates/${token.slice(0, -2)}xx`)).statusCode).toBe(404);

    const partLine = view.lines.find((l) => l.lineType === 'part')!;
    const decisions = view.lines.map((l) => ({
      lineId: l.lineId,
      decision: l.lineId === partLine.lineId ? 'declined' : 'approved',
    }));
    const answer = await t.request('POST', `/api/public/estimates/${token}/decision`, {
      body: { decisions, signerName: 'Ana Aprovadora' },
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone)' },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const decided = PublicEstimateSchema.parse(answer.json());
    expect(decided).toMatchObject({
      status: 'partially_approved',
      canDecide: false,
      decision: { channel: 'link', signerName: 'Ana Aprovadora', userAgent: 'Mozilla/5.0 (iPhone)' },
    });
    expect(decided.decision!.documentHash).toBe(estimate.documentHash);
    expect(decided.decision!.ip).toBeTruthy();
    // the declined part goes back to the shelf and out of the totals; it stays as a recommendation
    const after = RepairSchema.parse(
      (await t.request('GET', `/api/repairs/${repair.id}`, { token: t.adminToken })).json(),
    );
    expect(after.parts[0]).toMatchObject({ approval: 'declined', stockState: 'released' });
    expect(after).toMatchObject({ partsTotal: 0, laborValue: 230, totalValue: 230 });
    expect(await stockOf(part.id)).toEqual({ stock: 3, reserved: 0 });
    // answered once only
    const twice = await t.request('POST', `/api/public/estimates/${token}/decision`, {
      body: { decisions, signerName: 'Ana' },
    });
    expect(twice.statusCode).toBe(409);
    // now work may start
    expect((await status(repair.id, 'EM_ANDAMENTO')).statusCode).toBe(200);
    // a later change to an approved line needs a new approval
    const edited = await t.request('PATCH', `/api/repairs/${repair.id}`, {
      token: t.adminToken,
      body: { services: [{ ...after.services[0], price: 120 }] },
    });
    expect(edited.json().services[0].approval).toBeNull();
    const v2 = EstimateWithLinkSchema.parse(
      (
        await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
          token: t.adminToken,
          body: { notify: false },
        })
      ).json(),
    );
    expect(v2.version).toBe(2);
    const list = EstimateListSchema.parse(
      (await t.request('GET', `/api/repairs/${repair.id}/estimates`, { token: t.adminToken })).json(),
    );
    expect(list.items.map((e) => [e.version, e.status])).toEqual([
      [2, 'pending'],
      [1, 'partially_approved'],
    ]);
  });

  it('refuses an answer when the order changed after the estimate was sent, and after it expired', async () => {
    const repair = await createRepair(t);
    const estimate = EstimateWithLinkSchema.parse(
      (
        await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
          token: t.adminToken,
          body: { notify: false },
        })
      ).json(),
    );
    const token = estimate.link.split('/estimate/')[1]!;
    await t.request('PATCH', `/api/repairs/${repair.id}`, {
      token: t.adminToken,
      body: { appliances: [{ ...repair.appliances[0], laborValue: 999 }] },
    });
    const decisions = estimate.lines.map((l) => ({ lineId: l.lineId, decision: 'approved' }));
    const changed = await t.request('POST', `/api/public/estimates/${token}/decision`, {
      body: { decisions, signerName: 'Maria da Silva' },
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().message).toMatch(/mudou depois do envio/);

    const fresh = EstimateWithLinkSchema.parse(
      (
        await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
          token: t.adminToken,
          body: { notify: false },
        })
      ).json(),
    );
    await t.deps.pool.query(
      `UPDATE repair_estimates SET valid_until = now() - interval '1 day' WHERE id = $1`,
      [fresh.id],
    );
    const freshToken = fresh.link.split('/estimate/')[1]!;
    const view = PublicEstimateSchema.parse(
      (await t.request('GET', `/api/public/estimates/${freshToken}`)).json(),
    );
    expect(view).toMatchObject({ isExpired: true, canDecide: false, status: 'expired' });
    const late = await t.request('POST', `/api/public/estimates/${freshToken}/decision`, {
      body: {
        decisions: fresh.lines.map((l) => ({ lineId: l.lineId, decision: 'approved' })),
        signerName: 'Maria',
      },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toMatch(/venceu/);
  });

  it('lets the customer answer in the portal and staff record an answer given in person', async () => {
    const customer = await createCustomer(t, { name: 'Paulo Portal' });
    const repair = await createRepair(t, {}, { customerId: customer.id });
    const estimate = EstimateWithLinkSchema.parse(
      (
        await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
          token: t.adminToken,
          body: { notify: false },
        })
      ).json(),
    );
    const portal = await customerLogin(t, customer.id);
    const other = await createCustomer(t, { name: 'Outro Cliente' });
    const stranger = await customerLogin(t, other.id);
    const body = {
      decisions: estimate.lines.map((l) => ({ lineId: l.lineId, decision: 'approved' })),
      signerName: 'Paulo Portal',
    };
    const url = `/api/repairs/${repair.id}/estimates/1/decision`;
    expect((await t.request('POST', url, { token: stranger.token, body })).statusCode).toBe(404);
    expect((await t.request('POST', url, { token: technician.token, body })).statusCode).toBe(403);
    const res = await t.request('POST', url, { token: portal.token, body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decision: { channel: 'portal' } });

    const second = await createRepair(t, {}, { customerId: customer.id });
    await t.request('POST', `/api/repairs/${second.id}/estimates`, {
      token: t.adminToken,
      body: { notify: false },
    });
    const lines = (
      await t.request('GET', `/api/repairs/${second.id}/estimates`, { token: t.adminToken })
    ).json().items[0].lines;
    const counter = await t.request('POST', `/api/repairs/${second.id}/estimates/1/decision`, {
      token: manager.token,
      body: {
        decisions: lines.map((l: { lineId: string }) => ({ lineId: l.lineId, decision: 'declined' })),
        signerName: 'Paulo Portal',
        note: 'Recusou por telefone',
      },
    });
    expect(counter.json()).toMatchObject({
      status: 'declined',
      decision: { channel: 'in_person', recordedBy: 'Gerson Gerente' },
    });
    const declined = RepairSchema.parse(
      (await t.request('GET', `/api/repairs/${second.id}`, { token: t.adminToken })).json(),
    );
    expect(declined).toMatchObject({ laborValue: 0, totalValue: 0 });
  });
});

describe('estimates under concurrency', () => {
  it('records exactly one of two simultaneous answers, and a new version racing an answer never fails with 500', async () => {
    const repair = await createRepair(t);
    const estimate = EstimateWithLinkSchema.parse(
      (
        await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
          token: t.adminToken,
          body: { notify: false },
        })
      ).json(),
    );
    const token = estimate.link.split('/estimate/')[1]!;
    const body = {
      decisions: estimate.lines.map((l) => ({ lineId: l.lineId, decision: 'approved' })),
      signerName: 'Maria da Silva',
    };
    const answers = await Promise.all([
      t.request('POST', `/api/public/estimates/${token}/decision`, { body }),
      t.request('POST', `/api/public/estimates/${token}/decision`, { body }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);

    const next = EstimateWithLinkSchema.parse(
      (
        await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
          token: t.adminToken,
          body: { notify: false },
        })
      ).json(),
    );
    const nextToken = next.link.split('/estimate/')[1]!;
    const [answer, resend] = await Promise.all([
      t.request('POST', `/api/public/estimates/${nextToken}/decision`, {
        body: { ...body, decisions: next.lines.map((l) => ({ lineId: l.lineId, decision: 'approved' })) },
      }),
      t.request('POST', `/api/repairs/${repair.id}/estimates`, {
        token: t.adminToken,
        body: { notify: false },
      }),
    ]);
    expect([200, 409]).toContain(answer.statusCode);
    expect(resend.statusCode).toBe(201);
  });
});

describe('warranty', () => {
  it('flags a new order for the same asset inside the warranty as a return linked to the original', async () => {
    const customer = await createCustomer(t, { name: 'Wagner Garantia' });
    const car = await createAsset(t, customer.id, { kind: 'vehicle', plate: 'GAR1A23' });
    const first = await createRepair(
      t,
      { assetId: car.id, appliances: [], services: [{ description: 'Embreagem', price: 500 }] },
      { customerId: customer.id },
    );
    await moveRepair(t, first.id, ['EM_ANDAMENTO', 'EM_REVISAO']);
    await completeChecklist(t, first.id);
    await moveRepair(t, first.id, ['FINALIZADO', 'ENTREGUE']);
    const back = await createRepair(
      t,
      { assetId: car.id, appliances: [], receivedAt: new Date().toISOString(), deadline: null },
      { customerId: customer.id },
    );
    expect(back.warrantyReturn).toEqual({ repairId: first.id, number: first.number });
    expect(back.serviceType).toBe('WARRANTY_RETURN');
    // the timeline's first row names the order it returns under
    const createdEvent = async (id: string) =>
      RepairEventListSchema.parse(
        (await t.request('GET', `/api/repairs/${id}/events`, { token: t.adminToken })).json(),
      ).items.find((e) => e.type === 'created');
    expect((await createdEvent(back.id))?.data).toEqual({
      warrantyOfRepairId: first.id,
      warrantyOfNumber: first.number,
    });
    const unrelated = await createRepair(
      t,
      { receivedAt: new Date().toISOString(), deadline: null },
      { customerId: customer.id },
    );
    expect(unrelated.warrantyReturn).toBeNull();
    expect((await createdEvent(unrelated.id))?.data).toBeNull();
  });
});
