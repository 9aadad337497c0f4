import type { AssetKind, Locale } from '@bancada/shared';
import type { MaintenancePlan } from './maintenance-projection.js';

export type MaintenanceTemplate = {
  key: string;
  assetKind: AssetKind;
  plan: MaintenancePlan;
  names: Record<Locale, string>;
};

/** Default plans offered per asset kind (issue 14 §4); "or" means whichever comes first. */
export const MAINTENANCE_TEMPLATES = [
  {
    key: 'vehicle.oil_change',
    assetKind: 'vehicle',
    plan: { intervalKm: 10_000, intervalMonths: 6 },
    names: { 'pt-BR': 'Troca de óleo', es: 'Cambio de aceite', en: 'Oil change' },
  },
  {
    key: 'vehicle.brake_check',
    assetKind: 'vehicle',
    plan: { intervalKm: 20_000, intervalMonths: 12 },
    names: { 'pt-BR': 'Revisão dos freios', es: 'Revisión de frenos', en: 'Brake check' },
  },
  {
    key: 'machine.service',
    assetKind: 'machine',
    plan: { intervalHours: 250 },
    names: { 'pt-BR': 'Revisão de 250 horas', es: 'Servicio de 250 horas', en: '250-hour service' },
  },
  {
    key: 'machine.major_service',
    assetKind: 'machine',
    plan: { intervalHours: 1_000, intervalMonths: 12 },
    names: {
      'pt-BR': 'Revisão geral (1.000 horas)',
      es: 'Servicio mayor (1.000 horas)',
      en: 'Major service (1,000 hours)',
    },
  },
  {
    key: 'appliance.yearly_check',
    assetKind: 'appliance',
    plan: { intervalMonths: 12 },
    names: { 'pt-BR': 'Revisão anual', es: 'Revisión anual', en: 'Yearly check' },
  },
] as const satisfies readonly MaintenanceTemplate[];

export type MaintenanceTemplateKey = (typeof MAINTENANCE_TEMPLATES)[number]['key'];

export function listMaintenanceTemplates(assetKind: AssetKind): MaintenanceTemplate[] {
  return MAINTENANCE_TEMPLATES.filter((t) => t.assetKind === assetKind);
}

export function findMaintenanceTemplate(key: string): MaintenanceTemplate | undefined {
  return MAINTENANCE_TEMPLATES.find((t) => t.key === key);
}
