import type { Locale } from '@bancada/shared';

/** Files in conversations: customers' WhatsApp media and staff attachments (issue 14 §2–§3). */
export const COMMUNICATION_MEDIA_MESSAGES = {
  'communication.sms_no_files': {
    'pt-BR': 'SMS não leva arquivos. Envie as fotos ou PDFs por WhatsApp ou e-mail, ou só o texto por SMS.',
    es: 'El SMS no lleva archivos. Envíe las fotos o PDF por WhatsApp o correo, o solo el texto por SMS.',
    en: 'SMS carries no files. Send the photos or PDFs by WhatsApp or e-mail, or only the text by SMS.',
  },
  'communication.attachments_too_many': {
    'pt-BR': 'No máximo {limit} arquivos por mensagem',
    es: 'Como máximo {limit} archivos por mensaje',
    en: 'At most {limit} files per message',
  },
  'communication.attachment_too_large': {
    'pt-BR': 'Arquivo grande demais: até {limit} MB cada e {total} MB juntos',
    es: 'Archivo demasiado grande: hasta {limit} MB cada uno y {total} MB en total',
    en: 'File too large: up to {limit} MB each and {total} MB together',
  },
  'communication.attachment_type': {
    'pt-BR': 'Anexe fotos (JPEG, PNG, WebP) ou PDF',
    es: 'Adjunte fotos (JPEG, PNG, WebP) o PDF',
    en: 'Attach photos (JPEG, PNG, WebP) or PDFs',
  },
  'communication.attachment_not_found': {
    'pt-BR': 'Anexo não encontrado',
    es: 'Adjunto no encontrado',
    en: 'Attachment not found',
  },
  'communication.attachment_pending': {
    'pt-BR': 'O arquivo ainda está sendo baixado do WhatsApp; tente em instantes',
    es: 'El archivo aún se está descargando de WhatsApp; inténtelo en unos instantes',
    en: 'The file is still being fetched from WhatsApp; try again shortly',
  },
  'communication.attachment_unavailable': {
    'pt-BR': 'O arquivo não pôde ser obtido do WhatsApp; peça ao cliente para reenviar',
    es: 'No se pudo obtener el archivo de WhatsApp; pida al cliente que lo reenvíe',
    en: 'The file could not be fetched from WhatsApp; ask the customer to send it again',
  },
} satisfies Record<string, Record<Locale, string>>;
