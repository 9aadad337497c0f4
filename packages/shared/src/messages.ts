import type { Locale } from './locales.js';

/**
 * Validation messages used by the shared zod schemas (`message: 'validation.x'`).
 * The server translates them in error details; the web forms translate them the same way.
 */
export const VALIDATION_MESSAGES = {
  'validation.required': { 'pt-BR': 'Campo obrigatório', es: 'Campo obligatorio', en: 'Required field' },
  'validation.email': {
    'pt-BR': 'E-mail inválido',
    es: 'Correo electrónico no válido',
    en: 'Invalid e-mail',
  },
  'validation.password_min': {
    'pt-BR': 'A senha deve ter pelo menos 8 caracteres',
    es: 'La contraseña debe tener al menos 8 caracteres',
    en: 'The password must have at least 8 characters',
  },
  'validation.password_max': {
    'pt-BR': 'A senha é longa demais',
    es: 'La contraseña es demasiado larga',
    en: 'The password is too long',
  },
  'validation.name_min': {
    'pt-BR': 'Informe pelo menos 2 caracteres',
    es: 'Ingrese al menos 2 caracteres',
    en: 'Enter at least 2 characters',
  },
  'validation.cnpj': { 'pt-BR': 'CNPJ inválido', es: 'CNPJ no válido', en: 'Invalid CNPJ' },
  'validation.cpf': { 'pt-BR': 'CPF inválido', es: 'CPF no válido', en: 'Invalid CPF' },
  'validation.two_factor_code': {
    'pt-BR': 'Informe os 6 dígitos do aplicativo autenticador',
    es: 'Ingrese los 6 dígitos de la aplicación de autenticación',
    en: 'Enter the 6 digits from the authenticator app',
  },
  'validation.recovery_code': {
    'pt-BR': 'Código de recuperação inválido',
    es: 'Código de recuperación no válido',
    en: 'Invalid recovery code',
  },
  'validation.public_url': {
    'pt-BR': 'Informe um endereço http:// ou https:// (ex.: https://oficina.com.br)',
    es: 'Ingrese una dirección http:// o https:// (p. ej., https://taller.com)',
    en: 'Enter an http:// or https:// address (e.g. https://shop.example.com)',
  },
  'validation.time_zone': {
    'pt-BR': 'Fuso horário desconhecido (ex.: America/Sao_Paulo)',
    es: 'Zona horaria desconocida (p. ej., America/Santiago)',
    en: 'Unknown time zone (e.g. America/Sao_Paulo)',
  },
  'validation.time': {
    'pt-BR': 'Horário inválido (HH:MM)',
    es: 'Hora no válida (HH:MM)',
    en: 'Invalid time (HH:MM)',
  },
  'validation.time_range': {
    'pt-BR': 'O fim deve ser depois do início',
    es: 'El fin debe ser posterior al inicio',
    en: 'The end must be after the start',
  },
  'validation.money_finite': {
    'pt-BR': 'Valor monetário inválido',
    es: 'Valor monetario no válido',
    en: 'Invalid amount of money',
  },
  'validation.money_negative': {
    'pt-BR': 'Valores negativos não são permitidos',
    es: 'No se permiten valores negativos',
    en: 'Negative values are not allowed',
  },
  'validation.money_decimals': {
    'pt-BR': 'Use no máximo 2 casas decimais',
    es: 'Use como máximo 2 decimales',
    en: 'Use at most 2 decimal places',
  },
  'validation.money_too_large': {
    'pt-BR': 'Valor grande demais',
    es: 'Valor demasiado grande',
    en: 'Amount too large',
  },
  'validation.money_positive': {
    'pt-BR': 'Informe um valor maior que zero',
    es: 'Indique un valor mayor que cero',
    en: 'Enter an amount above zero',
  },
  'validation.lines_min': {
    'pt-BR': 'Inclua pelo menos um item',
    es: 'Incluya al menos un ítem',
    en: 'Add at least one line',
  },
  'validation.reason_min': {
    'pt-BR': 'Informe o motivo (pelo menos 3 caracteres)',
    es: 'Indique el motivo (al menos 3 caracteres)',
    en: 'Give the reason (at least 3 characters)',
  },
  'validation.installments_credit_only': {
    'pt-BR': 'Parcelas só no cartão de crédito',
    es: 'Cuotas solo con tarjeta de crédito',
    en: 'Installments only on a credit card',
  },
  'validation.tendered_cash_only': {
    'pt-BR': 'Valor recebido só para pagamento em dinheiro',
    es: 'Monto entregado solo para pagos en efectivo',
    en: 'Amount tendered only for cash payments',
  },
  'validation.tendered_below_amount': {
    'pt-BR': 'O valor recebido é menor que o pagamento',
    es: 'El monto entregado es menor que el pago',
    en: 'The amount tendered is less than the payment',
  },
  'validation.pix_key': {
    'pt-BR': 'Chave Pix inválida para o tipo escolhido',
    es: 'Clave Pix no válida para el tipo elegido',
    en: 'Invalid Pix key for the chosen type',
  },
  'validation.passwords_differ': {
    'pt-BR': 'As senhas não coincidem',
    es: 'Las contraseñas no coinciden',
    en: 'The passwords do not match',
  },
  'validation.phone': { 'pt-BR': 'Telefone inválido', es: 'Teléfono no válido', en: 'Invalid phone number' },
  'validation.cep': {
    'pt-BR': 'CEP inválido (00000-000)',
    es: 'Código postal no válido (00000-000)',
    en: 'Invalid postal code (00000-000)',
  },
  'validation.ibge': {
    'pt-BR': 'Código IBGE deve ter 7 dígitos',
    es: 'El código IBGE debe tener 7 dígitos',
    en: 'The IBGE code must have 7 digits',
  },
  'validation.document_cpf': { 'pt-BR': 'CPF inválido', es: 'CPF no válido', en: 'Invalid CPF' },
  'validation.document_cnpj': { 'pt-BR': 'CNPJ inválido', es: 'CNPJ no válido', en: 'Invalid CNPJ' },
  'validation.document_rut': { 'pt-BR': 'RUT inválido', es: 'RUT no válido', en: 'Invalid RUT' },
  'validation.document_ruc': { 'pt-BR': 'RUC inválido', es: 'RUC no válido', en: 'Invalid RUC' },
  'validation.document_dni': { 'pt-BR': 'DNI inválido', es: 'DNI no válido', en: 'Invalid DNI' },
  'validation.document_nit': { 'pt-BR': 'NIT inválido', es: 'NIT no válido', en: 'Invalid NIT' },
  'validation.document_other': {
    'pt-BR': 'Documento inválido',
    es: 'Documento no válido',
    en: 'Invalid document',
  },
  'validation.plate': { 'pt-BR': 'Placa inválida', es: 'Patente no válida', en: 'Invalid plate' },
  'validation.vin': {
    'pt-BR': 'Chassi (VIN) inválido: 17 caracteres, sem I, O ou Q',
    es: 'VIN no válido: 17 caracteres, sin I, O ni Q',
    en: 'Invalid VIN: 17 characters, no I, O or Q',
  },
  'validation.reason_required': { 'pt-BR': 'Informe o motivo', es: 'Indique el motivo', en: 'Give a reason' },
  'validation.quantity_finite': {
    'pt-BR': 'Quantidade inválida',
    es: 'Cantidad no válida',
    en: 'Invalid quantity',
  },
  'validation.quantity_decimals': {
    'pt-BR': 'Use no máximo 3 casas decimais',
    es: 'Use como máximo 3 decimales',
    en: 'Use at most 3 decimal places',
  },
  'validation.quantity_too_large': {
    'pt-BR': 'Quantidade grande demais',
    es: 'Cantidad demasiado grande',
    en: 'Quantity too large',
  },
  'validation.quantity_positive': {
    'pt-BR': 'A quantidade deve ser maior que zero',
    es: 'La cantidad debe ser mayor que cero',
    en: 'The quantity must be greater than zero',
  },
  'validation.quantity_negative': {
    'pt-BR': 'A quantidade não pode ser negativa',
    es: 'La cantidad no puede ser negativa',
    en: 'The quantity cannot be negative',
  },
  'validation.quantity_nonzero': {
    'pt-BR': 'A quantidade não pode ser zero',
    es: 'La cantidad no puede ser cero',
    en: 'The quantity cannot be zero',
  },
  'validation.quantity_whole': {
    'pt-BR': 'Esta unidade aceita apenas quantidades inteiras',
    es: 'Esta unidad solo acepta cantidades enteras',
    en: 'This unit takes whole quantities only',
  },
  'validation.component_id': {
    'pt-BR': 'Use de 1 a 64 letras, números, ponto, hífen ou sublinhado',
    es: 'Use de 1 a 64 letras, números, punto, guion o guion bajo',
    en: 'Use 1 to 64 letters, digits, dot, hyphen or underscore',
  },
  'validation.lines_required': {
    'pt-BR': 'Inclua pelo menos um item',
    es: 'Incluya al menos un ítem',
    en: 'Add at least one line',
  },
  'validation.checkout_target': {
    'pt-BR': 'Informe o técnico ou a ordem de serviço',
    es: 'Indique el técnico o la orden de servicio',
    en: 'Give the technician or the service order',
  },
  'validation.appliances_min': {
    'pt-BR': 'Deve conter pelo menos um eletrodoméstico',
    es: 'Debe contener al menos un electrodoméstico',
    en: 'Must contain at least one appliance',
  },
  'validation.received_at_required': {
    'pt-BR': 'Data de recebimento é obrigatória',
    es: 'La fecha de recepción es obligatoria',
    en: 'The date received is required',
  },
  'validation.received_at_future': {
    'pt-BR': 'A data de recebimento não pode ser futura',
    es: 'La fecha de recepción no puede ser futura',
    en: 'The date received cannot be in the future',
  },
  'validation.date': {
    'pt-BR': 'Data inválida: use ISO 8601 ou AAAA-MM-DD',
    es: 'Fecha no válida: use ISO 8601 o AAAA-MM-DD',
    en: 'Invalid date: use ISO 8601 or YYYY-MM-DD',
  },
  'validation.deadline_before_received': {
    'pt-BR': 'O prazo não pode ser antes da data de recebimento',
    es: 'El plazo no puede ser anterior a la fecha de recepción',
    en: 'The deadline cannot be before the date received',
  },
  'validation.appliance_type': {
    'pt-BR':
      'Tipo inválido: use Geladeira, Micro-ondas, Cafeteira, Liquidificador, Ferro de Passar, Ar Condicionado, Máquina de Lavar, Fogão, Ventilador ou Outro',
    es: 'Tipo no válido: use Geladeira, Micro-ondas, Cafeteira, Liquidificador, Ferro de Passar, Ar Condicionado, Máquina de Lavar, Fogão, Ventilador u Outro',
    en: 'Invalid type: use Geladeira, Micro-ondas, Cafeteira, Liquidificador, Ferro de Passar, Ar Condicionado, Máquina de Lavar, Fogão, Ventilador or Outro',
  },
  'validation.voltage': {
    'pt-BR': 'Voltagem inválida: use 127 V, 220 V ou Bivolt',
    es: 'Voltaje no válido: use 127 V, 220 V o Bivolt',
    en: 'Invalid voltage: use 127 V, 220 V or Bivolt',
  },
  'validation.status': {
    'pt-BR': 'Status inválido',
    es: 'Estado no válido',
    en: 'Invalid status',
  },
  'validation.uuid': {
    'pt-BR': 'Identificador inválido',
    es: 'Identificador no válido',
    en: 'Invalid identifier',
  },
  'validation.customer_required': {
    'pt-BR': 'Escolha o cliente',
    es: 'Elija el cliente',
    en: 'Choose the customer',
  },
  'validation.hours_negative': {
    'pt-BR': 'As horas não podem ser negativas',
    es: 'Las horas no pueden ser negativas',
    en: 'Hours cannot be negative',
  },
  'validation.hours_too_large': {
    'pt-BR': 'No máximo 10.000 horas',
    es: 'Como máximo 10.000 horas',
    en: 'At most 10,000 hours',
  },
  'validation.hours_decimals': {
    'pt-BR': 'Use no máximo 2 casas decimais nas horas',
    es: 'Use como máximo 2 decimales en las horas',
    en: 'Use at most 2 decimals for hours',
  },
  'validation.control_chars': {
    'pt-BR': 'Contém caracteres de controle ou inválidos, que não são permitidos',
    es: 'Contiene caracteres de control o inválidos, que no están permitidos',
    en: 'Contains control or invalid characters, which are not allowed',
  },
} as const satisfies Record<string, Record<Locale, string>>;

/** Messages that mean "this field is missing": a body with only these is "Campos obrigatórios ausentes". */
export const MISSING_FIELD_MESSAGES: readonly string[] = [
  'validation.required',
  'validation.appliances_min',
  'validation.received_at_required',
  'validation.customer_required',
];

export type ValidationMessageKey = keyof typeof VALIDATION_MESSAGES;

export function translateValidationMessage(message: string, locale: Locale): string {
  const entry = (VALIDATION_MESSAGES as Record<string, Record<Locale, string>>)[message];
  return entry ? entry[locale] : message;
}
