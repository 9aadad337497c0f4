import type { Locale } from '@bancada/shared';

/** Support tickets and FAQ articles (issue 14 §7). */
export const SUPPORT_MESSAGES = {
  'support.ticket_not_found': {
    'pt-BR': 'Chamado não encontrado',
    es: 'Ticket no encontrado',
    en: 'Ticket not found',
  },
  'support.customer_not_found': {
    'pt-BR': 'Cliente não encontrado',
    es: 'Cliente no encontrado',
    en: 'Customer not found',
  },
  'support.repair_not_found': {
    'pt-BR': 'Ordem de serviço não encontrada',
    es: 'Orden de servicio no encontrada',
    en: 'Service order not found',
  },
  'support.assignee_not_found': {
    'pt-BR': 'Responsável não encontrado entre os funcionários ativos',
    es: 'Responsable no encontrado entre el personal activo',
    en: 'Assignee not found among active staff',
  },
  'support.faq_not_found': {
    'pt-BR': 'Artigo não encontrado',
    es: 'Artículo no encontrado',
    en: 'Article not found',
  },
} as const satisfies Record<string, Record<Locale, string>>;
