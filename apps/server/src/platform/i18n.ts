import { type Locale, translateValidationMessage } from '@bancada/shared';
import { AUTH_MESSAGES } from './messages/auth.js';
import { AUDIT_CHECKPOINT_MESSAGES, BACKUP_MESSAGES } from './messages/backups.js';
import { BILLING_MESSAGES } from './messages/billing.js';
import { CALENDAR_FEED_MESSAGES } from './messages/calendar-feeds.js';
import { COMMUNICATION_MESSAGES } from './messages/communication.js';
import { COMMUNICATION_MEDIA_MESSAGES } from './messages/communication-media.js';
import { DOCUMENT_MESSAGES } from './messages/documents.js';
import { ENGAGEMENT_MESSAGES } from './messages/engagement.js';
import { ESTIMATE_MESSAGES } from './messages/estimates.js';
import { FISCAL_MESSAGES } from './messages/fiscal.js';
import { MAINTENANCE_MESSAGES } from './messages/maintenance.js';
import { PORTAL_MESSAGES } from './messages/portal.js';
import { PRIVACY_MESSAGES } from './messages/privacy.js';
import { REPAIR_MESSAGES } from './messages/repairs.js';
import { SCHEDULING_MESSAGES } from './messages/scheduling.js';
import { SUPPORT_MESSAGES } from './messages/support.js';

/** Server-side messages in the three languages. `{name}` placeholders are filled by `t`. */
const CORE_MESSAGES = {
  'auth.unauthorized': {
    'pt-BR': 'Token de autenticação inválido ou expirado',
    es: 'Token de autenticación inválido o expirado',
    en: 'Authentication token is invalid or expired',
  },
  'auth.invalid_credentials': {
    'pt-BR': 'E-mail ou senha incorretos',
    es: 'Correo electrónico o contraseña incorrectos',
    en: 'Incorrect e-mail or password',
  },
  'auth.locked': {
    'pt-BR':
      'Conta bloqueada temporariamente após tentativas de login sem sucesso. Tente novamente em {minutes} min ou peça a um administrador para desbloquear.',
    es: 'Cuenta bloqueada temporalmente tras intentos de inicio de sesión fallidos. Inténtelo de nuevo en {minutes} min o pida a un administrador que la desbloquee.',
    en: 'Account temporarily locked after failed sign-in attempts. Try again in {minutes} min or ask an administrator to unlock it.',
  },
  'auth.inactive': {
    'pt-BR': 'Esta conta está desativada',
    es: 'Esta cuenta está desactivada',
    en: 'This account is deactivated',
  },
  'auth.refresh_invalid': {
    'pt-BR': 'Sessão expirada ou encerrada; entre novamente',
    es: 'Sesión expirada o cerrada; inicie sesión de nuevo',
    en: 'Session expired or ended; please sign in again',
  },
  'auth.reset_invalid': {
    'pt-BR': 'Link de redefinição de senha inválido ou expirado',
    es: 'Enlace de restablecimiento de contraseña inválido o expirado',
    en: 'Password reset link is invalid or expired',
  },
  'auth.wrong_password': {
    'pt-BR': 'A senha atual está incorreta',
    es: 'La contraseña actual es incorrecta',
    en: 'The current password is incorrect',
  },
  'auth.forbidden': {
    'pt-BR': 'Você não tem permissão para esta ação',
    es: 'No tiene permiso para esta acción',
    en: 'You do not have permission for this action',
  },
  'http.rate_limited': {
    'pt-BR': 'Muitas tentativas. Aguarde {seconds} s e tente novamente.',
    es: 'Demasiados intentos. Espere {seconds} s e inténtelo de nuevo.',
    en: 'Too many attempts. Wait {seconds} s and try again.',
  },
  'http.not_found_route': {
    'pt-BR': 'Rota {method} {url} não existe',
    es: 'La ruta {method} {url} no existe',
    en: 'Route {method} {url} does not exist',
  },
  'http.malformed_json': {
    'pt-BR': 'O corpo da requisição não é um JSON válido',
    es: 'El cuerpo de la solicitud no es un JSON válido',
    en: 'The request body is not valid JSON',
  },
  'http.payload_too_large': {
    'pt-BR': 'O corpo da requisição excede o limite de {limit} bytes',
    es: 'El cuerpo de la solicitud supera el límite de {limit} bytes',
    en: 'The request body exceeds the limit of {limit} bytes',
  },
  'http.unsupported_media_type': {
    'pt-BR': 'Tipo de conteúdo não suportado: {type}',
    es: 'Tipo de contenido no admitido: {type}',
    en: 'Unsupported content type: {type}',
  },
  'http.bad_request': {
    'pt-BR': 'Requisição inválida',
    es: 'Solicitud no válida',
    en: 'Invalid request',
  },
  'http.uri_too_long': {
    'pt-BR': 'O endereço da requisição é longo demais',
    es: 'La dirección de la solicitud es demasiado larga',
    en: 'The request address is too long',
  },
  'http.headers_too_large': {
    'pt-BR': 'O endereço ou os cabeçalhos da requisição são grandes demais',
    es: 'La dirección o los encabezados de la solicitud son demasiado grandes',
    en: 'The request address or headers are too large',
  },
  'http.request_timeout': {
    'pt-BR': 'A requisição demorou demais para chegar',
    es: 'La solicitud tardó demasiado en llegar',
    en: 'The request took too long to arrive',
  },
  'http.method_not_allowed': {
    'pt-BR': 'Método {method} não permitido',
    es: 'Método {method} no permitido',
    en: 'Method {method} not allowed',
  },
  'http.unsupported_charset': {
    'pt-BR': 'Envie o corpo em UTF-8 (charset={charset} não é aceito)',
    es: 'Envíe el cuerpo en UTF-8 (charset={charset} no se acepta)',
    en: 'Send the body in UTF-8 (charset={charset} is not accepted)',
  },
  'http.internal': {
    'pt-BR': 'Erro interno. A equipe técnica pode consultar o registro {requestId}.',
    es: 'Error interno. El equipo técnico puede consultar el registro {requestId}.',
    en: 'Internal error. Support can look up log entry {requestId}.',
  },
  'http.db_unavailable': {
    'pt-BR': 'Banco de dados indisponível no momento',
    es: 'Base de datos no disponible en este momento',
    en: 'The database is unavailable right now',
  },
  'validation.failed': {
    'pt-BR': 'Dados inválidos',
    es: 'Datos no válidos',
    en: 'Invalid data',
  },
  'validation.cursor': {
    'pt-BR': 'Cursor de página inválido; volte à primeira página',
    es: 'Cursor de página no válido; vuelva a la primera página',
    en: 'Invalid page cursor; go back to the first page',
  },
  'validation.missing_required': {
    'pt-BR': 'Campos obrigatórios ausentes',
    es: 'Faltan campos obligatorios',
    en: 'Required fields are missing',
  },
  'etag.stale': {
    'pt-BR': 'O registro foi alterado por outra pessoa; recarregue e tente de novo',
    es: 'Otra persona modificó el registro; recargue e inténtelo de nuevo',
    en: 'Someone else changed this record; reload and try again',
  },
  'etag.malformed': {
    'pt-BR': 'Cabeçalho If-Match inválido',
    es: 'Encabezado If-Match no válido',
    en: 'Invalid If-Match header',
  },
  'users.not_found': {
    'pt-BR': 'Usuário não encontrado',
    es: 'Usuario no encontrado',
    en: 'User not found',
  },
  'users.email_taken': {
    'pt-BR': 'Já existe um usuário com este e-mail',
    es: 'Ya existe un usuario con este correo electrónico',
    en: 'A user with this e-mail already exists',
  },
  'users.last_admin': {
    'pt-BR': 'A organização precisa de pelo menos um administrador ativo',
    es: 'La organización necesita al menos un administrador activo',
    en: 'The organization needs at least one active administrator',
  },
  'users.branch_not_found': {
    'pt-BR': 'Filial não encontrada',
    es: 'Sucursal no encontrada',
    en: 'Branch not found',
  },
  'customers.not_found': {
    'pt-BR': 'Cliente com ID informado não existe',
    es: 'El cliente con el ID indicado no existe',
    en: 'No customer with the given ID exists',
  },
  'customers.document_taken': {
    'pt-BR': 'Já existe um cliente com este documento',
    es: 'Ya existe un cliente con este documento',
    en: 'A customer with this document already exists',
  },
  'customers.import_invalid': {
    'pt-BR': 'O arquivo tem {count} problema(s); nada foi importado',
    es: 'El archivo tiene {count} problema(s); no se importó nada',
    en: 'The file has {count} problem(s); nothing was imported',
  },
  'customers.import_unreadable': {
    'pt-BR': 'Não foi possível ler o CSV: {reason}',
    es: 'No se pudo leer el CSV: {reason}',
    en: 'Could not read the CSV: {reason}',
  },
  'customers.import_missing_column': {
    'pt-BR': 'Falta a coluna obrigatória "{column}" no cabeçalho',
    es: 'Falta la columna obligatoria "{column}" en el encabezado',
    en: 'The header lacks the required column "{column}"',
  },
  'customers.import_unknown_column': {
    'pt-BR': 'Coluna desconhecida "{column}"',
    es: 'Columna desconocida "{column}"',
    en: 'Unknown column "{column}"',
  },
  'customers.import_duplicate_in_file': {
    'pt-BR': 'Documento repetido no arquivo (já aparece na linha {line})',
    es: 'Documento repetido en el archivo (ya aparece en la línea {line})',
    en: 'Document repeated in the file (already on line {line})',
  },
  'customers.import_duplicate_existing': {
    'pt-BR': 'Já existe um cliente com este documento',
    es: 'Ya existe un cliente con este documento',
    en: 'A customer with this document already exists',
  },
  'customers.import_asset_kind': {
    'pt-BR': 'Informe asset_kind (vehicle, appliance ou machine) para cadastrar o bem',
    es: 'Indique asset_kind (vehicle, appliance o machine) para registrar el equipo',
    en: 'Give asset_kind (vehicle, appliance or machine) to register the asset',
  },
  'customers.import_year': {
    'pt-BR': 'Ano inválido',
    es: 'Año no válido',
    en: 'Invalid year',
  },
  'customers.import_empty': {
    'pt-BR': 'O arquivo não tem linhas de dados',
    es: 'El archivo no tiene filas de datos',
    en: 'The file has no data rows',
  },
  'assets.not_found': {
    'pt-BR': 'Bem (veículo, aparelho ou máquina) não encontrado',
    es: 'Equipo (vehículo, electrodoméstico o máquina) no encontrado',
    en: 'Asset (vehicle, appliance or machine) not found',
  },
  'assets.reading_lower': {
    'pt-BR':
      'A leitura {value} é menor que a anterior ({previous}). Se for uma correção, marque-a como correção e informe o motivo.',
    es: 'La lectura {value} es menor que la anterior ({previous}). Si es una corrección, márquela como corrección e indique el motivo.',
    en: 'The reading {value} is lower than the previous one ({previous}). If it is a correction, mark it as a correction and give a reason.',
  },
  'assets.reading_higher_than_next': {
    'pt-BR':
      'A leitura {value} é maior que uma leitura posterior ({next}). Se for uma correção, marque-a como correção e informe o motivo.',
    es: 'La lectura {value} es mayor que una lectura posterior ({next}). Si es una corrección, márquela como corrección e indique el motivo.',
    en: 'The reading {value} is higher than a later reading ({next}). If it is a correction, mark it as a correction and give a reason.',
  },
  'assets.readings_not_applicable': {
    'pt-BR': 'Aparelhos não têm leituras de odômetro nem de horímetro',
    es: 'Los electrodomésticos no tienen lecturas de odómetro ni de horómetro',
    en: 'Appliances have no odometer or hour-meter readings',
  },
  'assets.transfer_same_customer': {
    'pt-BR': 'O bem já pertence a este cliente',
    es: 'El equipo ya pertenece a este cliente',
    en: 'The asset already belongs to this customer',
  },
  'history.reading_odometer': {
    'pt-BR': 'Odômetro: {value} km',
    es: 'Odómetro: {value} km',
    en: 'Odometer: {value} km',
  },
  'history.reading_hour_meter': {
    'pt-BR': 'Horímetro: {value} h',
    es: 'Horómetro: {value} h',
    en: 'Hour meter: {value} h',
  },
  'history.reading_correction': {
    'pt-BR': 'correção: {reason}',
    es: 'corrección: {reason}',
    en: 'correction: {reason}',
  },
  'history.transfer': {
    'pt-BR': 'Transferido de {from} para {to}',
    es: 'Transferido de {from} a {to}',
    en: 'Transferred from {from} to {to}',
  },
  'history.asset_created': {
    'pt-BR': 'Cadastrado',
    es: 'Registrado',
    en: 'Registered',
  },
  'users.customer_only': {
    'pt-BR': 'Só um login de cliente (CUSTOMER) pode ser ligado a um cadastro de cliente',
    es: 'Solo un acceso de cliente (CUSTOMER) puede vincularse a un registro de cliente',
    en: 'Only a customer login (CUSTOMER) can be linked to a customer record',
  },
  'sessions.not_found': {
    'pt-BR': 'Sessão não encontrada',
    es: 'Sesión no encontrada',
    en: 'Session not found',
  },
  'mail.reset.subject': {
    'pt-BR': 'Redefinição de senha — {org}',
    es: 'Restablecimiento de contraseña — {org}',
    en: 'Password reset — {org}',
  },
  'mail.reset.body': {
    'pt-BR':
      'Olá, {name}.\n\nRecebemos um pedido para redefinir a sua senha. Abra o link abaixo em até 1 hora:\n\n{link}\n\nSe não foi você, ignore este e-mail; a senha atual continua valendo.',
    es: 'Hola, {name}.\n\nRecibimos una solicitud para restablecer su contraseña. Abra el enlace a continuación dentro de 1 hora:\n\n{link}\n\nSi no fue usted, ignore este correo; la contraseña actual sigue vigente.',
    en: 'Hello {name},\n\nWe received a request to reset your password. Open the link below within 1 hour:\n\n{link}\n\nIf this was not you, ignore this e-mail; your current password still works.',
  },
  'components.not_found': {
    'pt-BR': "Componente com ID '{id}' não existe no estoque",
    es: "El componente con ID '{id}' no existe en el inventario",
    en: "Component with ID '{id}' does not exist in stock",
  },
  'components.insufficient_stock': {
    'pt-BR': "Estoque insuficiente para o componente '{name}'",
    es: "Inventario insuficiente para el componente '{name}'",
    en: "Insufficient stock for component '{name}'",
  },
  'components.insufficient_reserved': {
    'pt-BR': "A quantidade reservada do componente '{name}' é menor que a pedida",
    es: "La cantidad reservada del componente '{name}' es menor que la solicitada",
    en: "The reserved quantity of component '{name}' is lower than requested",
  },
  'components.duplicate_id': {
    'pt-BR': "Já existe um componente com o ID '{id}'",
    es: "Ya existe un componente con el ID '{id}'",
    en: "A component with ID '{id}' already exists",
  },
  'components.duplicate_code': {
    'pt-BR': "Já existe um componente com o código '{code}'",
    es: "Ya existe un componente con el código '{code}'",
    en: "A component with code '{code}' already exists",
  },
  'components.whole_quantity': {
    'pt-BR': "O componente '{name}' é contado em unidades inteiras",
    es: "El componente '{name}' se cuenta en unidades enteras",
    en: "Component '{name}' is counted in whole units",
  },
  'components.adjust_below_zero': {
    'pt-BR': "O ajuste deixaria o estoque de '{name}' negativo (disponível: {available})",
    es: "El ajuste dejaría negativo el inventario de '{name}' (disponible: {available})",
    en: "The adjustment would make the stock of '{name}' negative (available: {available})",
  },
  'mail.low_stock.subject': {
    'pt-BR': 'Estoque baixo: {name} ({code})',
    es: 'Inventario bajo: {name} ({code})',
    en: 'Low stock: {name} ({code})',
  },
  'mail.low_stock.body': {
    'pt-BR':
      'O componente {name} ({code}) está abaixo do estoque mínimo.\n\nDisponível: {stock} {unit}\nMínimo: {minStock} {unit}\n\nConsidere gerar um pedido de compra pelas sugestões de reposição.',
    es: 'El componente {name} ({code}) está por debajo del inventario mínimo.\n\nDisponible: {stock} {unit}\nMínimo: {minStock} {unit}\n\nConsidere generar una orden de compra desde las sugerencias de reposición.',
    en: 'Component {name} ({code}) is below its minimum stock.\n\nAvailable: {stock} {unit}\nMinimum: {minStock} {unit}\n\nConsider creating a purchase order from the reorder suggestions.',
  },
  'suppliers.not_found': {
    'pt-BR': 'Fornecedor não encontrado',
    es: 'Proveedor no encontrado',
    en: 'Supplier not found',
  },
  'suppliers.duplicate_document': {
    'pt-BR': 'Já existe um fornecedor com este documento',
    es: 'Ya existe un proveedor con este documento',
    en: 'A supplier with this tax id already exists',
  },
  'suppliers.in_use': {
    'pt-BR': 'O fornecedor tem pedidos de compra; desative-o em vez de excluir',
    es: 'El proveedor tiene órdenes de compra; desactívelo en lugar de eliminarlo',
    en: 'The supplier has purchase orders; deactivate it instead of deleting',
  },
  'purchase_orders.not_found': {
    'pt-BR': 'Pedido de compra não encontrado',
    es: 'Orden de compra no encontrada',
    en: 'Purchase order not found',
  },
  'purchase_orders.not_draft': {
    'pt-BR': 'Só um pedido em rascunho pode ser alterado ou enviado (situação atual: {status})',
    es: 'Solo una orden en borrador puede modificarse o enviarse (estado actual: {status})',
    en: 'Only a draft purchase order can be changed or sent (current status: {status})',
  },
  'purchase_orders.not_receivable': {
    'pt-BR': 'O pedido não pode receber mercadoria na situação {status}',
    es: 'La orden no puede recibir mercadería en el estado {status}',
    en: 'The purchase order cannot receive goods while {status}',
  },
  'purchase_orders.not_cancellable': {
    'pt-BR': 'O pedido não pode ser cancelado na situação {status}',
    es: 'La orden no puede cancelarse en el estado {status}',
    en: 'The purchase order cannot be cancelled while {status}',
  },
  'purchase_orders.line_not_found': {
    'pt-BR': 'O item {lineId} não pertence a este pedido',
    es: 'El ítem {lineId} no pertenece a esta orden',
    en: 'Line {lineId} does not belong to this purchase order',
  },
  'purchase_orders.over_receipt': {
    'pt-BR':
      "Recebimento maior que o pedido no item '{name}': pedido {ordered}, já recebido {received}, restante {remaining}, informado {quantity}",
    es: "Recepción mayor que lo pedido en el ítem '{name}': pedido {ordered}, ya recibido {received}, restante {remaining}, informado {quantity}",
    en: "Receiving more than ordered on line '{name}': ordered {ordered}, already received {received}, remaining {remaining}, given {quantity}",
  },
  'purchase_orders.no_suggestions': {
    'pt-BR': 'Não há componentes abaixo do mínimo para este fornecedor',
    es: 'No hay componentes por debajo del mínimo para este proveedor',
    en: 'No components below minimum for this supplier',
  },
  'purchase_orders.supplier_no_email': {
    'pt-BR': 'O fornecedor não tem e-mail; o pedido foi marcado como enviado e o PDF pode ser baixado',
    es: 'El proveedor no tiene correo; la orden se marcó como enviada y el PDF puede descargarse',
    en: 'The supplier has no e-mail; the order was marked as sent and the PDF can be downloaded',
  },
  'purchase_orders.repair_not_found': {
    'pt-BR': 'Ordem de serviço não encontrada',
    es: 'Orden de servicio no encontrada',
    en: 'Service order not found',
  },
  'mail.purchase_order.subject': {
    'pt-BR': 'Pedido de compra nº {number} — {org}',
    es: 'Orden de compra n.º {number} — {org}',
    en: 'Purchase order no. {number} — {org}',
  },
  'mail.purchase_order.body': {
    'pt-BR':
      'Olá, {supplier}.\n\nSegue em anexo o pedido de compra nº {number} de {org}, no valor total de {total}.{expected}\n\nPor favor, confirme o recebimento deste pedido.\n\nAtenciosamente,\n{org}',
    es: 'Hola, {supplier}.\n\nAdjuntamos la orden de compra n.º {number} de {org}, por un total de {total}.{expected}\n\nPor favor, confirme la recepción de esta orden.\n\nAtentamente,\n{org}',
    en: 'Hello {supplier},\n\nAttached is purchase order no. {number} from {org}, total {total}.{expected}\n\nPlease confirm you received this order.\n\nKind regards,\n{org}',
  },
  'mail.purchase_order_late.subject': {
    'pt-BR': 'Pedido de compra nº {number} atrasado — {supplier}',
    es: 'Orden de compra n.º {number} atrasada — {supplier}',
    en: 'Purchase order no. {number} is late — {supplier}',
  },
  'mail.purchase_order_late.body': {
    'pt-BR':
      'Olá, {name}.\n\nO pedido de compra nº {number} de {supplier} era esperado em {date} e ainda não chegou por completo. {reminded}\n\nVeja o pedido em Compras.',
    es: 'Hola, {name}.\n\nLa orden de compra n.º {number} de {supplier} se esperaba el {date} y aún no llegó completa. {reminded}\n\nVea la orden en Compras.',
    en: 'Hello {name},\n\nPurchase order no. {number} from {supplier} was expected on {date} and has not fully arrived. {reminded}\n\nSee the order under Purchasing.',
  },
  'mail.purchase_order_late.reminded': {
    'pt-BR': 'O fornecedor recebeu um lembrete por e-mail.',
    es: 'El proveedor recibió un recordatorio por correo.',
    en: 'The supplier was sent a reminder by e-mail.',
  },
  'mail.purchase_order_late.no_email': {
    'pt-BR': 'O fornecedor não tem e-mail cadastrado: ligue para ele.',
    es: 'El proveedor no tiene correo registrado: llámelo.',
    en: 'The supplier has no e-mail on file: give them a call.',
  },
  'mail.purchase_order.expected': {
    'pt-BR': '\nEntrega esperada: {date}.',
    es: '\nEntrega esperada: {date}.',
    en: '\nExpected delivery: {date}.',
  },
  'purchase_orders.no_supplier': {
    'pt-BR': 'Sem fornecedor',
    es: 'Sin proveedor',
    en: 'No supplier',
  },
  'tools.not_found': {
    'pt-BR': 'Ferramenta não encontrada',
    es: 'Herramienta no encontrada',
    en: 'Tool not found',
  },
  'tools.duplicate_code': {
    'pt-BR': "Já existe uma ferramenta com o código '{code}'",
    es: "Ya existe una herramienta con el código '{code}'",
    en: "A tool with code '{code}' already exists",
  },
  'tools.not_available': {
    'pt-BR': "A ferramenta '{name}' não está disponível",
    es: "La herramienta '{name}' no está disponible",
    en: "Tool '{name}' is not available",
  },
  'tools.not_available_in_use': {
    'pt-BR': "A ferramenta '{name}' já está em uso",
    es: "La herramienta '{name}' ya está en uso",
    en: "Tool '{name}' is already in use",
  },
  'tools.not_available_maintenance': {
    'pt-BR': "A ferramenta '{name}' está em manutenção",
    es: "La herramienta '{name}' está en mantenimiento",
    en: "Tool '{name}' is in maintenance",
  },
  'tools.not_available_retired': {
    'pt-BR': "A ferramenta '{name}' foi desativada",
    es: "La herramienta '{name}' fue dada de baja",
    en: "Tool '{name}' has been retired",
  },
  'tools.not_checked_out': {
    'pt-BR': "A ferramenta '{name}' não está emprestada",
    es: "La herramienta '{name}' no está prestada",
    en: "Tool '{name}' is not checked out",
  },
  'tools.in_use': {
    'pt-BR': 'A ferramenta está em uso; registre a devolução antes de mudar a situação',
    es: 'La herramienta está en uso; registre la devolución antes de cambiar el estado',
    en: 'The tool is in use; check it in before changing its status',
  },
  'tools.technician_not_found': {
    'pt-BR': 'Técnico não encontrado',
    es: 'Técnico no encontrado',
    en: 'Technician not found',
  },
} as const satisfies Record<string, Record<Locale, string>>;

// each module's messages live beside these, in messages/<module>.ts
const MESSAGES = {
  ...CORE_MESSAGES,
  ...AUTH_MESSAGES,
  ...REPAIR_MESSAGES,
  ...ESTIMATE_MESSAGES,
  ...DOCUMENT_MESSAGES,
  ...BILLING_MESSAGES,
  ...FISCAL_MESSAGES,
  ...PRIVACY_MESSAGES,
  ...BACKUP_MESSAGES,
  ...AUDIT_CHECKPOINT_MESSAGES,
  // issue 14: notifications, conversations, webhooks
  ...COMMUNICATION_MESSAGES,
  ...COMMUNICATION_MEDIA_MESSAGES,
  // issue 14: support
  ...SUPPORT_MESSAGES,
  // issue 14: feedback and campaigns
  ...ENGAGEMENT_MESSAGES,
  // issue 14: maintenance plans and reminders
  ...MAINTENANCE_MESSAGES,
  // issue 15: iCalendar feeds
  ...CALENDAR_FEED_MESSAGES,
  // issue 15: appointments, bays, holidays
  ...SCHEDULING_MESSAGES,
  // issue 15 §2: customer accounts, LGPD requests
  ...PORTAL_MESSAGES,
};

export type MessageKey = keyof typeof MESSAGES;

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    // numbers read the way the person reads them: 80.000 in pt-BR and es, 80,000 in en
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

export { translateValidationMessage };
