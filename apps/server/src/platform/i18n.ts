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
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? `{${name}}`),
  );
}

export { translateValidationMessage };
