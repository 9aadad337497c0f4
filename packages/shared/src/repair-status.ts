import type { PermissionGrants } from './permissions.js';
import { can } from './permissions.js';
import type { Role } from './roles.js';

/**
 * The service-order status machine (ARCHITECTURE §4), defined once as data: the server enforces it,
 * the web disables what it would refuse. Seed 004's four values are kept verbatim.
 */
export const REPAIR_STATUSES = [
  'NAO_INICIADO',
  'AGUARDANDO_APROVACAO',
  'AGUARDANDO_PECAS',
  'EM_ANDAMENTO',
  'EM_REVISAO',
  'FINALIZADO',
  'ENTREGUE',
  'CANCELADO',
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

/** Statuses where the order is still being worked on (counts towards a technician's load). */
export const OPEN_REPAIR_STATUSES: readonly RepairStatus[] = [
  'NAO_INICIADO',
  'AGUARDANDO_APROVACAO',
  'AGUARDANDO_PECAS',
  'EM_ANDAMENTO',
  'EM_REVISAO',
];
export const CLOSED_REPAIR_STATUSES: readonly RepairStatus[] = ['FINALIZADO', 'ENTREGUE', 'CANCELADO'];

/**
 * What must hold before a transition is made:
 * - `estimate_decided`: the latest estimate has been answered by the customer (CDC art. 39 VI)
 * - `checklist_complete`: every item of the review checklist is checked (seed 000 §3.1)
 */
export const TRANSITION_GUARDS = ['estimate_decided', 'checklist_complete'] as const;
export type TransitionGuard = (typeof TRANSITION_GUARDS)[number];

/** What the stock ledger does with the order's reserved parts on arrival in a status. */
export type StockEffect = 'release' | 'consume' | null;

export type Transition = {
  from: RepairStatus;
  to: RepairStatus;
  roles: readonly Role[];
  guards: readonly TransitionGuard[];
};

const STAFF: readonly Role[] = ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT', 'TECHNICIAN'];
const FRONT: readonly Role[] = ['ADMINISTRATOR', 'MANAGER', 'ATTENDANT'];
const SUPERVISORS: readonly Role[] = ['ADMINISTRATOR', 'MANAGER'];

const tr = (
  from: RepairStatus,
  to: RepairStatus,
  roles: readonly Role[],
  guards: readonly TransitionGuard[] = [],
): Transition => ({ from, to, roles, guards });

export const REPAIR_TRANSITIONS: readonly Transition[] = [
  tr('NAO_INICIADO', 'AGUARDANDO_APROVACAO', FRONT),
  tr('NAO_INICIADO', 'AGUARDANDO_PECAS', STAFF),
  tr('NAO_INICIADO', 'EM_ANDAMENTO', STAFF),
  tr('NAO_INICIADO', 'CANCELADO', FRONT),
  tr('AGUARDANDO_APROVACAO', 'NAO_INICIADO', FRONT),
  tr('AGUARDANDO_APROVACAO', 'AGUARDANDO_PECAS', STAFF, ['estimate_decided']),
  tr('AGUARDANDO_APROVACAO', 'EM_ANDAMENTO', STAFF, ['estimate_decided']),
  tr('AGUARDANDO_APROVACAO', 'CANCELADO', FRONT),
  tr('AGUARDANDO_PECAS', 'EM_ANDAMENTO', STAFF),
  tr('AGUARDANDO_PECAS', 'AGUARDANDO_APROVACAO', FRONT),
  tr('AGUARDANDO_PECAS', 'CANCELADO', FRONT),
  tr('EM_ANDAMENTO', 'AGUARDANDO_PECAS', STAFF),
  // extra work found during the repair needs a new approval (CDC art. 40)
  tr('EM_ANDAMENTO', 'AGUARDANDO_APROVACAO', STAFF),
  tr('EM_ANDAMENTO', 'EM_REVISAO', STAFF),
  tr('EM_ANDAMENTO', 'CANCELADO', FRONT),
  tr('EM_REVISAO', 'EM_ANDAMENTO', STAFF),
  // seed 000 §3.1: review, then a supervisor's or manager's final approval
  tr('EM_REVISAO', 'FINALIZADO', SUPERVISORS, ['checklist_complete']),
  tr('FINALIZADO', 'ENTREGUE', FRONT),
];

/** Arriving here does this to the reserved parts (ARCHITECTURE §4, stock ledger). */
export const STATUS_STOCK_EFFECT: Record<RepairStatus, StockEffect> = {
  NAO_INICIADO: null,
  AGUARDANDO_APROVACAO: null,
  AGUARDANDO_PECAS: null,
  EM_ANDAMENTO: null,
  EM_REVISAO: null,
  FINALIZADO: 'consume',
  ENTREGUE: null,
  CANCELADO: 'release',
};

export function findTransition(from: RepairStatus, to: RepairStatus): Transition | undefined {
  return REPAIR_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The statuses reachable from `from` at all (whoever asks). */
export function nextStatuses(from: RepairStatus): RepairStatus[] {
  return REPAIR_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

/**
 * The statuses `role` may move an order to from `from`. The `repairs:transition` permission gates
 * every move; a transition's own role list narrows it (grants may widen `repairs:approve` for the
 * final approval).
 */
export function allowedStatuses(
  from: RepairStatus,
  role: Role,
  grants: PermissionGrants = {},
): RepairStatus[] {
  if (!can(role, 'repairs:transition', grants)) return [];
  return REPAIR_TRANSITIONS.filter((t) => t.from === from && mayMake(t, role, grants)).map((t) => t.to);
}

export function mayMake(transition: Transition, role: Role, grants: PermissionGrants = {}): boolean {
  if (transition.to === 'FINALIZADO') return can(role, 'repairs:approve', grants);
  return transition.roles.includes(role);
}

export function isClosedStatus(status: RepairStatus): boolean {
  return CLOSED_REPAIR_STATUSES.includes(status);
}

/** Lines and parts can still be edited (closed orders are history). */
export function isEditableStatus(status: RepairStatus): boolean {
  return !isClosedStatus(status);
}
