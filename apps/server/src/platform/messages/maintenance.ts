import type { Locale } from '@bancada/shared';

/** Preventive maintenance plans and reminders (issue 14 §4). */
export const MAINTENANCE_MESSAGES = {
  'maintenance.plan_not_found': {
    'pt-BR': 'Plano de manutenção não encontrado',
    es: 'Plan de mantenimiento no encontrado',
    en: 'Maintenance plan not found',
  },
  'maintenance.interval_required': {
    'pt-BR': 'Informe ao menos um intervalo: km, horas ou meses',
    es: 'Indique al menos un intervalo: km, horas o meses',
    en: 'Give at least one interval: km, hours or months',
  },
  'maintenance.interval_no_meter': {
    'pt-BR': 'Este tipo de bem não tem este medidor (km só para veículos, horas só para máquinas)',
    es: 'Este tipo de bien no tiene este medidor (km solo para vehículos, horas solo para máquinas)',
    en: 'This kind of asset has no such meter (km only for vehicles, hours only for machines)',
  },
  'maintenance.template_unknown': {
    'pt-BR': 'Modelo de plano desconhecido para este tipo de bem',
    es: 'Plantilla de plan desconocida para este tipo de bien',
    en: 'Unknown plan template for this kind of asset',
  },
  'maintenance.name_required': {
    'pt-BR': 'Informe o nome do plano ou escolha um modelo',
    es: 'Indique el nombre del plan o elija una plantilla',
    en: 'Give the plan a name or choose a template',
  },
  'maintenance.service_in_future': {
    'pt-BR': 'A data do serviço não pode estar no futuro',
    es: 'La fecha del servicio no puede estar en el futuro',
    en: 'The service date cannot be in the future',
  },
  'maintenance.service_unknown': {
    'pt-BR': 'Serviço não encontrado no catálogo',
    es: 'Servicio no encontrado en el catálogo',
    en: 'Service not found in the catalog',
  },
  'maintenance.order_not_on_asset': {
    'pt-BR': 'A OS não é deste bem ou foi cancelada',
    es: 'La orden no es de este bien o fue cancelada',
    en: 'The order is not one of this asset’s, or it was cancelled',
  },
  'maintenance.service_not_on_order': {
    'pt-BR': 'A OS não tem este serviço',
    es: 'La orden no tiene este servicio',
    en: 'The order has no line of this service',
  },
  'history.maintenance_plan': {
    'pt-BR': 'Plano de manutenção criado: {name}',
    es: 'Plan de mantenimiento creado: {name}',
    en: 'Maintenance plan added: {name}',
  },
  'history.maintenance_reminder': {
    'pt-BR': 'Lembrete de manutenção enviado: {name}',
    es: 'Recordatorio de mantenimiento enviado: {name}',
    en: 'Maintenance reminder sent: {name}',
  },
} as const satisfies Record<string, Record<Locale, string>>;
