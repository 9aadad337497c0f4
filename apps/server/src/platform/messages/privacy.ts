import type { Locale } from '@bancada/shared';

export const PRIVACY_MESSAGES = {
  'privacy.already_anonymised': {
    'pt-BR': 'Este cliente já foi anonimizado',
    es: 'Este cliente ya fue anonimizado',
    en: 'This customer has already been anonymised',
  },
  'privacy.open_orders': {
    'pt-BR': 'O cliente tem {count} ordem(ns) de serviço em aberto; conclua ou cancele antes de anonimizar',
    es: 'El cliente tiene {count} orden(es) de servicio abiertas; termínelas o cancélelas antes de anonimizar',
    en: 'The customer has {count} open service order(s); finish or cancel them before anonymising',
  },
  'privacy.unpaid_balance': {
    'pt-BR': 'O cliente tem saldo em aberto de {balance}; receba ou cancele antes de anonimizar',
    es: 'El cliente tiene un saldo pendiente de {balance}; cóbrelo o anúlelo antes de anonimizar',
    en: 'The customer has an unpaid balance of {balance}; collect or cancel it before anonymising',
  },
  'privacy.incident_not_found': {
    'pt-BR': 'Incidente não encontrado',
    es: 'Incidente no encontrado',
    en: 'Incident not found',
  },
  'privacy.policy_not_found': {
    'pt-BR': 'Nenhuma política de privacidade publicada',
    es: 'No hay ninguna política de privacidad publicada',
    en: 'No privacy policy has been published',
  },
  'privacy.policy_organization_required': {
    'pt-BR': 'Informe a organização (parâmetro organization)',
    es: 'Indique la organización (parámetro organization)',
    en: 'Name the organization (the organization parameter)',
  },
  'privacy.policy_conflict': {
    'pt-BR': 'Outra pessoa publicou uma versão ao mesmo tempo; recarregue e tente de novo',
    es: 'Otra persona publicó una versión al mismo tiempo; recargue e inténtelo de nuevo',
    en: 'Someone else published a version at the same time; reload and try again',
  },
} as const satisfies Record<string, Record<Locale, string>>;
