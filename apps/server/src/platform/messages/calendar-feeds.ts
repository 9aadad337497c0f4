import type { Locale } from '@bancada/shared';

/** iCalendar feeds (issue 15 §1): errors, and the texts written into the feeds. */
export const CALENDAR_FEED_MESSAGES = {
  'calendar.feed_not_found': {
    'pt-BR': 'Agenda não encontrada: o link é inválido ou foi substituído',
    es: 'Calendario no encontrado: el enlace no es válido o fue reemplazado',
    en: 'Calendar not found: the link is invalid or was replaced',
  },
  'calendar.owner_not_found': {
    'pt-BR': 'Usuário da equipe não encontrado',
    es: 'Usuario del equipo no encontrado',
    en: 'Staff user not found',
  },
  'calendar.name_technician': {
    'pt-BR': '{org} — agenda de {name}',
    es: '{org} — agenda de {name}',
    en: '{org} — {name}’s schedule',
  },
  'calendar.name_customer': {
    'pt-BR': '{org} — meus agendamentos',
    es: '{org} — mis citas',
    en: '{org} — my appointments',
  },
  'calendar.appointment': {
    'pt-BR': 'Agendamento',
    es: 'Cita',
    en: 'Appointment',
  },
  'calendar.event.asset': {
    'pt-BR': 'Veículo/equipamento: {asset}',
    es: 'Vehículo/equipo: {asset}',
    en: 'Vehicle/equipment: {asset}',
  },
  'calendar.event.customer': {
    'pt-BR': 'Cliente: {name}',
    es: 'Cliente: {name}',
    en: 'Customer: {name}',
  },
  'calendar.event.services': {
    'pt-BR': 'Serviços: {services}',
    es: 'Servicios: {services}',
    en: 'Services: {services}',
  },
  'calendar.event.status': {
    'pt-BR': 'Situação: {status}',
    es: 'Estado: {status}',
    en: 'Status: {status}',
  },
  'calendar.status.SCHEDULED': { 'pt-BR': 'agendado', es: 'agendada', en: 'scheduled' },
  'calendar.status.CONFIRMED': { 'pt-BR': 'confirmado', es: 'confirmada', en: 'confirmed' },
  'calendar.status.ARRIVED': { 'pt-BR': 'cliente chegou', es: 'el cliente llegó', en: 'customer arrived' },
  'calendar.status.NO_SHOW': { 'pt-BR': 'não compareceu', es: 'no se presentó', en: 'no-show' },
  'calendar.status.CANCELLED': { 'pt-BR': 'cancelado', es: 'cancelada', en: 'cancelled' },
} as const satisfies Record<string, Record<Locale, string>>;
