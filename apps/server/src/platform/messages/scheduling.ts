import type { Locale } from '@bancada/shared';

/** Appointments, bays, holidays and the free-slot search (issue 15 §1). */
export const SCHEDULING_MESSAGES = {
  'scheduling.appointment_not_found': {
    'pt-BR': 'Agendamento não encontrado',
    es: 'Cita no encontrada',
    en: 'Appointment not found',
  },
  'scheduling.bay_not_found': {
    'pt-BR': 'Box, elevador ou bancada não encontrado',
    es: 'Box, elevador o banco no encontrado',
    en: 'Bay, lift or bench not found',
  },
  'scheduling.bay_duplicate_name': {
    'pt-BR': 'Já existe um box com este nome nesta filial',
    es: 'Ya existe un box con este nombre en esta sucursal',
    en: 'A bay with this name already exists in this branch',
  },
  'scheduling.branch_not_found': {
    'pt-BR': 'Filial não encontrada',
    es: 'Sucursal no encontrada',
    en: 'Branch not found',
  },
  'scheduling.holiday_not_found': {
    'pt-BR': 'Feriado não encontrado',
    es: 'Feriado no encontrado',
    en: 'Holiday not found',
  },
  'scheduling.holiday_duplicate': {
    'pt-BR': 'Já existe um feriado nesta data',
    es: 'Ya existe un feriado en esta fecha',
    en: 'There is already a holiday on this date',
  },
  'scheduling.technician_not_found': {
    'pt-BR': 'Técnico não encontrado',
    es: 'Técnico no encontrado',
    en: 'Technician not found',
  },
  'scheduling.service_not_found': {
    'pt-BR': 'Serviço do catálogo não encontrado',
    es: 'Servicio del catálogo no encontrado',
    en: 'Catalog service not found',
  },
  'scheduling.end_required': {
    'pt-BR': 'Informe o fim ou ao menos um serviço do catálogo',
    es: 'Indique el fin o al menos un servicio del catálogo',
    en: 'Give the end or at least one catalog service',
  },
  'scheduling.end_before_start': {
    'pt-BR': 'O fim deve ser depois do início',
    es: 'El fin debe ser posterior al inicio',
    en: 'The end must be after the start',
  },
  'scheduling.range_too_long': {
    'pt-BR': 'O período pode ter no máximo {days} dias',
    es: 'El período puede tener como máximo {days} días',
    en: 'The range may span at most {days} days',
  },
  'scheduling.technician_busy': {
    'pt-BR': 'O técnico já tem um agendamento neste horário',
    es: 'El técnico ya tiene una cita en este horario',
    en: 'The technician is already booked at this time',
  },
  'scheduling.bay_busy': {
    'pt-BR': 'O box já está ocupado neste horário',
    es: 'El box ya está ocupado en este horario',
    en: 'The bay is already booked at this time',
  },
  'scheduling.slot_unavailable': {
    'pt-BR': 'Este horário não está disponível',
    es: 'Este horario no está disponible',
    en: 'This time is not available',
  },
  'scheduling.invalid_transition': {
    'pt-BR': 'Não é possível {action} um agendamento com situação {status}',
    es: 'No se puede {action} una cita con estado {status}',
    en: 'Cannot {action} an appointment whose status is {status}',
  },
  'scheduling.too_late_to_change': {
    'pt-BR': 'Alterações e cancelamentos pelo portal são aceitos até {hours} horas antes do horário',
    es: 'Los cambios y cancelaciones por el portal se aceptan hasta {hours} horas antes de la cita',
    en: 'Changes and cancellations through the portal are accepted until {hours} hours before the time',
  },
  'scheduling.in_the_past': {
    'pt-BR': 'O horário já passou',
    es: 'El horario ya pasó',
    en: 'That time has already passed',
  },
  'scheduling.arrival_needs_asset': {
    'pt-BR': 'Informe o veículo, aparelho ou máquina do agendamento antes de abrir a ordem de serviço',
    es: 'Indique el vehículo, aparato o máquina de la cita antes de abrir la orden de servicio',
    en: 'Set the appointment’s vehicle, appliance or machine before opening the service order',
  },
} as const satisfies Record<string, Record<Locale, string>>;
