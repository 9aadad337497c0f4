import type { Locale } from '@bancada/shared';

/** The notification engine, conversations and the providers' webhooks (issue 14 §1–§3). */
export const COMMUNICATION_MESSAGES = {
  'communication.template_unknown_placeholder': {
    'pt-BR': 'Marcador desconhecido neste evento: {placeholders}',
    es: 'Marcador desconocido para este evento: {placeholders}',
    en: 'Unknown placeholder for this event: {placeholders}',
  },
  'communication.template_too_long': {
    'pt-BR': 'Texto longo demais para o canal (máximo {limit} caracteres)',
    es: 'Texto demasiado largo para el canal (máximo {limit} caracteres)',
    en: 'Text too long for the channel (at most {limit} characters)',
  },
  'communication.template_subject_required': {
    'pt-BR': 'O e-mail precisa de um assunto',
    es: 'El correo necesita un asunto',
    en: 'An e-mail needs a subject',
  },
  'communication.template_malformed': {
    'pt-BR': 'Marcador mal escrito: use {{nome}}',
    es: 'Marcador mal escrito: use {{nombre}}',
    en: 'Malformed placeholder: write {{name}}',
  },
  'communication.conversation_not_found': {
    'pt-BR': 'Conversa não encontrada',
    es: 'Conversación no encontrada',
    en: 'Conversation not found',
  },
  'communication.message_not_found': {
    'pt-BR': 'Mensagem não encontrada',
    es: 'Mensaje no encontrado',
    en: 'Message not found',
  },
  'communication.resend_not_failed': {
    'pt-BR': 'Só uma mensagem que falhou ou ficou guardada sem provedor pode ser reenviada',
    es: 'Solo se puede reenviar un mensaje que falló o quedó guardado sin proveedor',
    en: 'Only a message that failed, or was kept with no provider, can be sent again',
  },
  'communication.no_whatsapp_consent': {
    'pt-BR':
      'O cliente não autorizou mensagens por WhatsApp: registre o consentimento na ficha do cliente ou responda por e-mail ou SMS',
    es: 'El cliente no autorizó mensajes por WhatsApp: registre el consentimiento en su ficha o responda por correo o SMS',
    en: 'The customer has not agreed to WhatsApp messages: record the consent on the customer page, or reply by e-mail or SMS',
  },
  'communication.no_sms_consent': {
    'pt-BR': 'O cliente não autorizou SMS: registre o consentimento na ficha do cliente ou use outro canal',
    es: 'El cliente no autorizó SMS: registre el consentimiento en su ficha o use otro canal',
    en: 'The customer has not agreed to SMS: record the consent on the customer page, or use another channel',
  },
  'communication.no_address': {
    'pt-BR': 'O cliente não tem {channel} cadastrado',
    es: 'El cliente no tiene {channel} registrado',
    en: 'The customer has no {channel} on file',
  },
  'communication.whatsapp_window_closed': {
    'pt-BR':
      'Passaram-se 24 horas desde a última mensagem do cliente: o WhatsApp só aceita modelos aprovados. Responda por e-mail ou SMS, ou espere o cliente escrever.',
    es: 'Pasaron 24 horas desde el último mensaje del cliente: WhatsApp solo acepta plantillas aprobadas. Responda por correo o SMS, o espere a que el cliente escriba.',
    en: "It is more than 24 hours since the customer's last message: WhatsApp only takes approved templates now. Reply by e-mail or SMS, or wait for the customer to write.",
  },
  'communication.unknown_sender': {
    'pt-BR': 'Este número não é de nenhum cliente: cadastre-o na ficha do cliente para usar outros canais',
    es: 'Este número no es de ningún cliente: regístrelo en la ficha del cliente para usar otros canales',
    en: "This number is no customer's: add it to a customer to use other channels",
  },
  'communication.webhook_unauthorized': {
    'pt-BR': 'Assinatura do webhook inválida',
    es: 'Firma del webhook no válida',
    en: 'Invalid webhook signature',
  },
  'communication.webhook_not_configured': {
    'pt-BR': 'Webhook não configurado: defina {variable}',
    es: 'Webhook no configurado: defina {variable}',
    en: 'Webhook not configured: set {variable}',
  },
  'communication.webhook_malformed': {
    'pt-BR': 'Notificação do provedor ilegível',
    es: 'Notificación del proveedor ilegible',
    en: 'Unreadable provider notification',
  },
  'communication.webhook_verify_failed': {
    'pt-BR': 'Token de verificação inválido',
    es: 'Token de verificación no válido',
    en: 'Invalid verify token',
  },
} satisfies Record<string, Record<Locale, string>>;
