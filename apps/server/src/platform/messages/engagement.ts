import type { Locale } from '@bancada/shared';

/** Issue 14 §5 (feedback after delivery) and §6 (campaigns with marketing consent). */
export const ENGAGEMENT_MESSAGES = {
  'feedback.link_invalid': {
    'pt-BR': 'Link de avaliação inválido',
    es: 'Enlace de valoración no válido',
    en: 'Invalid feedback link',
  },
  'feedback.link_expired': {
    'pt-BR': 'Este link de avaliação expirou',
    es: 'Este enlace de valoración ha caducado',
    en: 'This feedback link has expired',
  },
  'feedback.not_found': {
    'pt-BR': 'Pedido de avaliação não encontrado',
    es: 'Solicitud de valoración no encontrada',
    en: 'Feedback request not found',
  },
  'feedback.already_answered': {
    'pt-BR': 'Esta ordem de serviço já foi avaliada. Obrigado!',
    es: 'Esta orden de servicio ya fue valorada. ¡Gracias!',
    en: 'This service order has already been rated. Thank you!',
  },
  'feedback.low_score_subject': {
    'pt-BR': 'Avaliação baixa na OS {number}: nota {rating}/5, NPS {nps}',
    es: 'Valoración baja en la OS {number}: nota {rating}/5, NPS {nps}',
    en: 'Low rating on order {number}: {rating}/5, NPS {nps}',
  },
  'feedback.low_score_body': {
    'pt-BR':
      'O cliente {customer} avaliou a OS {number} com nota {rating}/5 e NPS {nps}.\n\nComentário: {comment}\n\nVeja as avaliações em {link}',
    es: 'El cliente {customer} valoró la OS {number} con nota {rating}/5 y NPS {nps}.\n\nComentario: {comment}\n\nVea las valoraciones en {link}',
    en: 'Customer {customer} rated order {number} {rating}/5 with an NPS of {nps}.\n\nComment: {comment}\n\nSee the feedback at {link}',
  },
  'feedback.no_comment': {
    'pt-BR': '(sem comentário)',
    es: '(sin comentario)',
    en: '(no comment)',
  },
  'feedback.invalid_cursor': {
    'pt-BR': 'Cursor de página inválido',
    es: 'Cursor de página no válido',
    en: 'Invalid page cursor',
  },
  'campaigns.not_found': {
    'pt-BR': 'Campanha não encontrada',
    es: 'Campaña no encontrada',
    en: 'Campaign not found',
  },
  'campaigns.already_sent': {
    'pt-BR': 'Esta campanha já foi enviada; crie outra para enviar de novo',
    es: 'Esta campaña ya fue enviada; cree otra para enviar de nuevo',
    en: 'This campaign has already been sent; create another one to send again',
  },
  'campaigns.unknown_placeholder': {
    'pt-BR':
      'Marcador desconhecido: {placeholders} (use {{customerName}}, {{shopName}} ou {{unsubscribeLink}})',
    es: 'Marcador desconocido: {placeholders} (use {{customerName}}, {{shopName}} o {{unsubscribeLink}})',
    en: 'Unknown placeholder: {placeholders} (use {{customerName}}, {{shopName}} or {{unsubscribeLink}})',
  },
  'campaigns.malformed_placeholder': {
    'pt-BR': 'Marcador mal formado: {why}',
    es: 'Marcador mal formado: {why}',
    en: 'Malformed placeholder: {why}',
  },
  'campaigns.unsubscribe_invalid': {
    'pt-BR': 'Link de descadastro inválido',
    es: 'Enlace para darse de baja no válido',
    en: 'Invalid unsubscribe link',
  },
  'campaigns.unsubscribe_not_found': {
    'pt-BR': 'Cadastro não encontrado',
    es: 'Registro no encontrado',
    en: 'Record not found',
  },
  'campaigns.unsubscribe_footer': {
    'pt-BR': 'Para não receber mais promoções: {link}',
    es: 'Para no recibir más promociones: {link}',
    en: 'To stop receiving promotions: {link}',
  },
  'campaigns.unsubscribe_footer_sms': {
    'pt-BR': 'Sair: {link}',
    es: 'Baja: {link}',
    en: 'Stop: {link}',
  },
} as const satisfies Record<string, Record<Locale, string>>;
