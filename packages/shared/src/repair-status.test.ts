import { describe, expect, it } from 'vitest';
import {
  allowedStatuses,
  CLOSED_REPAIR_STATUSES,
  findTransition,
  nextStatuses,
  REPAIR_STATUSES,
  REPAIR_TRANSITIONS,
  type RepairStatus,
} from './repair-status.js';

describe('the service-order status machine', () => {
  it('keeps seed 004 values verbatim and starts every order at NAO_INICIADO', () => {
    expect(REPAIR_STATUSES).toEqual(
      expect.arrayContaining(['NAO_INICIADO', 'EM_ANDAMENTO', 'FINALIZADO', 'CANCELADO']),
    );
    const reachable = new Set<RepairStatus>(['NAO_INICIADO']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of REPAIR_TRANSITIONS) {
        if (reachable.has(t.from) && !reachable.has(t.to)) {
          reachable.add(t.to);
          changed = true;
        }
      }
    }
    expect([...reachable].sort()).toEqual([...REPAIR_STATUSES].sort());
  });

  it('has no way out of delivered or cancelled orders, and only delivery after finishing', () => {
    expect(nextStatuses('ENTREGUE')).toEqual([]);
    expect(nextStatuses('CANCELADO')).toEqual([]);
    expect(nextStatuses('FINALIZADO')).toEqual(['ENTREGUE']);
    for (const s of CLOSED_REPAIR_STATUSES) expect(nextStatuses(s)).not.toContain('EM_ANDAMENTO');
  });

  it('finishes only from review, with the checklist, by a manager or administrator (seed 000 §3.1)', () => {
    const into = REPAIR_TRANSITIONS.filter((t) => t.to === 'FINALIZADO');
    expect(into.map((t) => t.from)).toEqual(['EM_REVISAO']);
    expect(into[0]!.guards).toContain('checklist_complete');
    expect(allowedStatuses('EM_REVISAO', 'TECHNICIAN')).not.toContain('FINALIZADO');
    expect(allowedStatuses('EM_REVISAO', 'ATTENDANT')).not.toContain('FINALIZADO');
    expect(allowedStatuses('EM_REVISAO', 'MANAGER')).toContain('FINALIZADO');
    // a grant of repairs:approve widens the final approval
    expect(allowedStatuses('EM_REVISAO', 'ATTENDANT', { 'repairs:approve': ['ATTENDANT'] })).toContain(
      'FINALIZADO',
    );
  });

  it('gives customers no move and needs an answered estimate to start from awaiting approval', () => {
    for (const s of REPAIR_STATUSES) expect(allowedStatuses(s, 'CUSTOMER')).toEqual([]);
    expect(findTransition('AGUARDANDO_APROVACAO', 'EM_ANDAMENTO')?.guards).toEqual(['estimate_decided']);
    expect(findTransition('NAO_INICIADO', 'ENTREGUE')).toBeUndefined();
  });

  it('lists no transition twice', () => {
    const keys = REPAIR_TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
