import type { NotificationEvent, RepairStatus } from '@bancada/shared';

/**
 * What the customer is told when an order moves (issue 14 §1). AGUARDANDO_APROVACAO is the estimate's
 * own event (sent with its approval link); a move back into work after waiting for parts is "parts
 * arrived"; cancelling says nothing automatically (staff tell the customer why).
 */
export function customerEventOf(from: RepairStatus, to: RepairStatus): NotificationEvent | null {
  if (to === 'EM_ANDAMENTO') return from === 'AGUARDANDO_PECAS' ? 'parts_arrived' : 'work_started';
  if (to === 'AGUARDANDO_PECAS') return 'awaiting_parts';
  if (to === 'FINALIZADO') return 'ready_for_pickup';
  if (to === 'ENTREGUE') return 'delivered';
  return null;
}

/** One event per order and kind (an order that goes back to work does not say "started" twice). */
export function dedupeKeyOf(event: NotificationEvent, repairId: string, extra?: string): string {
  return extra ? `${event}:${repairId}:${extra}` : `${event}:${repairId}`;
}
