import { allowedStatuses, type RepairStatus } from '@bancada/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/helpers.js';
import { createComponent } from '../../../../test/inventory.js';
import { completeChecklist, seedBody } from '../../../../test/repairs.js';

let t: TestApp;
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  customerId = (await createCustomer(t, { name: 'Propriedade Silva' })).id;
});
afterAll(() => t.close());

/** An order's step: a status move (chosen among the allowed ones) or a new quantity for a part. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat({ max: 7 }) }),
  fc.record({
    kind: fc.constant('edit' as const),
    part: fc.nat({ max: 1 }),
    quantity: fc.integer({ min: 0, max: 4 }),
  }),
);

describe('status machine and stock (property)', () => {
  it('no sequence of allowed transitions and edits leaves the stock ledger inconsistent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const INITIAL = 6;
        const parts = [
          await createComponent(t, { price: 12.34, stock: INITIAL }),
          await createComponent(t, { price: 5, stock: INITIAL }),
        ];
        const created = await t.request('POST', '/api/repairs', {
          token: t.adminToken,
          body: seedBody(customerId, { parts: [{ componentId: parts[0]!.id, quantity: 1 }], discount: 0 }),
        });
        expect(created.statusCode, created.body).toBe(201);
        let repair = created.json();
        for (const s of steps) {
          if (s.kind === 'move') {
            const options = allowedStatuses(repair.status as RepairStatus, 'ADMINISTRATOR');
            if (options.length === 0) continue;
            const to = options[s.pick % options.length]!;
            if (to === 'FINALIZADO') await completeChecklist(t, repair.id);
            if (to === 'EM_ANDAMENTO' && repair.status === 'AGUARDANDO_APROVACAO') {
              // the guard wants an answered estimate: the customer approves everything at the counter
              await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
                token: t.adminToken,
                body: { notify: false },
              });
              const list = (
                await t.request('GET', `/api/repairs/${repair.id}/estimates`, { token: t.adminToken })
              ).json();
              const latest = list.items[0];
              await t.request('POST', `/api/repairs/${repair.id}/estimates/${latest.version}/decision`, {
                token: t.adminToken,
                body: {
                  decisions: latest.lines.map((l: { lineId: string }) => ({
                    lineId: l.lineId,
                    decision: 'approved',
                  })),
                  signerName: 'Cliente no balcão',
                },
              });
            }
            const res = await t.request('POST', `/api/repairs/${repair.id}/status`, {
              token: t.adminToken,
              body: { status: to },
            });
            expect([200, 409], res.body).toContain(res.statusCode);
          } else {
            const current = (
              await t.request('GET', `/api/repairs/${repair.id}`, { token: t.adminToken })
            ).json();
            const wanted = new Map<string, number>(
              current.parts.map((p: { componentId: string; quantity: number }) => [
                p.componentId,
                p.quantity,
              ]),
            );
            if (s.quantity === 0) wanted.delete(parts[s.part]!.id);
            else wanted.set(parts[s.part]!.id, s.quantity);
            const res = await t.request('PATCH', `/api/repairs/${repair.id}`, {
              token: t.adminToken,
              body: { parts: [...wanted].map(([componentId, quantity]) => ({ componentId, quantity })) },
            });
            // closed orders refuse edits; a quantity beyond the shelf is refused whole
            expect([200, 409, 422], res.body).toContain(res.statusCode);
          }
          repair = (await t.request('GET', `/api/repairs/${repair.id}`, { token: t.adminToken })).json();
          // the ledger, the component and the order agree after every step
          for (const part of parts) {
            const { rows } = await t.deps.pool.query<{
              stock: string;
              reserved: string;
              consumed: string;
              held: string;
            }>(
              `SELECT c.stock, c.reserved,
                 (SELECT coalesce(sum(quantity), 0) FROM stock_movements m
                   WHERE m.component_id = c.id AND m.organization_id = c.organization_id AND m.type = 'CONSUME') AS consumed,
                 (SELECT coalesce(sum(quantity), 0) FROM repair_parts p
                   WHERE p.component_id = c.id AND p.stock_state = 'reserved') AS held
               FROM components c WHERE c.id = $1`,
              [part.id],
            );
            const row = rows[0]!;
            expect(Number(row.stock)).toBeGreaterThanOrEqual(0);
            expect(Number(row.reserved)).toBe(Number(row.held));
            expect(Number(row.stock) + Number(row.reserved) + Number(row.consumed)).toBe(INITIAL);
          }
          const line = repair.parts.reduce(
            (s: number, p: { totalValue: number; approval: string | null }) =>
              s + (p.approval === 'declined' ? 0 : p.totalValue),
            0,
          );
          expect(repair.partsTotal).toBeCloseTo(line, 2);
          expect(repair.totalValue).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 15 },
    );
  });
});
