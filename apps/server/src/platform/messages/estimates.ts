import type { Locale } from '@bancada/shared';

export const ESTIMATE_MESSAGES = {
  'estimates.not_found': {
    'pt-BR': 'Orçamento não encontrado',
    es: 'Presupuesto no encontrado',
    en: 'Estimate not found',
  },
  'estimates.link_invalid': {
    'pt-BR': 'Link de orçamento inválido. Peça um novo link à oficina.',
    es: 'Enlace de presupuesto no válido. Pida un nuevo enlace al taller.',
    en: 'Invalid estimate link. Ask the shop for a new one.',
  },
  'estimates.expired': {
    'pt-BR': 'Este orçamento venceu. Peça à oficina um orçamento atualizado.',
    es: 'Este presupuesto venció. Pida al taller un presupuesto actualizado.',
    en: 'This estimate has expired. Ask the shop for an updated one.',
  },
  'estimates.superseded': {
    'pt-BR': 'Há uma versão mais nova deste orçamento; use o link mais recente.',
    es: 'Hay una versión más nueva de este presupuesto; use el enlace más reciente.',
    en: 'There is a newer version of this estimate; use the latest link.',
  },
  'estimates.already_decided': {
    'pt-BR': 'Este orçamento já foi respondido.',
    es: 'Este presupuesto ya fue respondido.',
    en: 'This estimate has already been answered.',
  },
  'estimates.changed': {
    'pt-BR':
      'A ordem de serviço mudou depois do envio deste orçamento; a oficina precisa enviar uma nova versão.',
    es: 'La orden de servicio cambió después del envío de este presupuesto; el taller debe enviar una nueva versión.',
    en: 'The service order changed after this estimate was sent; the shop must send a new version.',
  },
  'estimates.unknown_line': {
    'pt-BR': 'Este item não faz parte do orçamento',
    es: 'Este ítem no forma parte del presupuesto',
    en: 'This line is not on the estimate',
  },
  'estimates.status_note': {
    'pt-BR': 'Orçamento v{version} enviado ao cliente',
    es: 'Presupuesto v{version} enviado al cliente',
    en: 'Estimate v{version} sent to the customer',
  },
  'estimates.via_link': {
    'pt-BR': 'pelo link do orçamento',
    es: 'por el enlace del presupuesto',
    en: 'through the estimate link',
  },
} as const satisfies Record<string, Record<Locale, string>>;
