import type { Locale } from '@bancada/shared';

/** Sign-in's second factor, "sign out everywhere" and the new-device e-mail (issue 13 §4). */
export const AUTH_MESSAGES = {
  'auth.two_factor_invalid': {
    'pt-BR': 'Código de verificação inválido ou já usado',
    es: 'Código de verificación no válido o ya usado',
    en: 'Verification code is invalid or already used',
  },
  'auth.two_factor_challenge_invalid': {
    'pt-BR': 'A verificação expirou ou não é válida; entre novamente com sua senha',
    es: 'La verificación expiró o no es válida; inicie sesión de nuevo con su contraseña',
    en: 'The verification expired or is not valid; sign in again with your password',
  },
  'auth.two_factor_already_on': {
    'pt-BR': 'A verificação em duas etapas já está ativada',
    es: 'La verificación en dos pasos ya está activada',
    en: 'Two-step verification is already on',
  },
  'auth.two_factor_not_on': {
    'pt-BR': 'A verificação em duas etapas não está ativada',
    es: 'La verificación en dos pasos no está activada',
    en: 'Two-step verification is not on',
  },
  'auth.two_factor_required': {
    'pt-BR': 'A oficina exige verificação em duas etapas para o seu perfil; ela não pode ser desativada',
    es: 'El taller exige verificación en dos pasos para su perfil; no se puede desactivar',
    en: 'The shop requires two-step verification for your role; it cannot be turned off',
  },
  'mail.new_device.subject': {
    'pt-BR': 'Novo acesso à sua conta em {org}',
    es: 'Nuevo acceso a su cuenta en {org}',
    en: 'New sign-in to your {org} account',
  },
  'mail.new_device.body': {
    'pt-BR':
      'Olá {name},\n\nSua conta em {org} foi acessada de um dispositivo que ainda não conhecíamos:\n\nNavegador: {device}\nEndereço IP: {ip}\nQuando: {when}\n\nSe foi você, não é preciso fazer nada. Se não foi, troque sua senha e use "Sair de todos os dispositivos" em {link}.\n\n{org}',
    es: 'Hola {name}:\n\nSe accedió a su cuenta en {org} desde un dispositivo que aún no conocíamos:\n\nNavegador: {device}\nDirección IP: {ip}\nCuándo: {when}\n\nSi fue usted, no necesita hacer nada. Si no, cambie su contraseña y use "Cerrar sesión en todos los dispositivos" en {link}.\n\n{org}',
    en: 'Hello {name},\n\nYour {org} account was signed in to from a device we had not seen before:\n\nBrowser: {device}\nIP address: {ip}\nWhen: {when}\n\nIf this was you, there is nothing to do. If not, change your password and use "Sign out everywhere" at {link}.\n\n{org}',
  },
} as const satisfies Record<string, Record<Locale, string>>;
