import {
  APPOINTMENT_ACTIONS,
  type AppointmentAction,
  type AppointmentStatus,
  LIVE_APPOINTMENT_STATUSES,
} from '@bancada/shared';

/** One colour per status, on the blocks, the list and the drawer. */
export const APPOINTMENT_COLORS: Record<AppointmentStatus, string> = {
  SCHEDULED: 'blue',
  CONFIRMED: 'teal',
  ARRIVED: 'grape',
  NO_SHOW: 'orange',
  CANCELLED: 'gray',
};

/** The actions the server would accept from a status (the shared table), in the drawer's order. */
export function allowedActions(status: AppointmentStatus): AppointmentAction[] {
  return (Object.keys(APPOINTMENT_ACTIONS) as AppointmentAction[]).filter((action) =>
    (APPOINTMENT_ACTIONS[action].from as readonly AppointmentStatus[]).includes(status),
  );
}

/** Whether a block may be dragged: only appointments that still hold their slot and have not arrived. */
export function isMovable(status: AppointmentStatus): boolean {
  return status !== 'ARRIVED' && (LIVE_APPOINTMENT_STATUSES as readonly AppointmentStatus[]).includes(status);
}

/** "sábado, 5 de dezembro" → "Sábado, 5 de dezembro": only the first letter (CSS capitalize would write "De"). */
export function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
