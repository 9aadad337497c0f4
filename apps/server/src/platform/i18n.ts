import { type Locale, translateValidationMessage } from '@bancada/shared';

/** Server-side messages in the three languages. `{name}` placeholders are filled by `t`. */
const MESSAGES = {
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
} as const satisfies Record<string, Record<Locale, string>>;

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
