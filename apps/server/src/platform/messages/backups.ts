import type { Locale } from '@bancada/shared';

/** Backups (issue 13 §1): API errors and the failure alert e-mail. */
export const BACKUP_MESSAGES = {
  'backups.not_found': {
    'pt-BR': 'Backup não encontrado',
    es: 'Copia de seguridad no encontrada',
    en: 'Backup not found',
  },
  'backups.already_running': {
    'pt-BR': 'Já há um backup em andamento; aguarde ele terminar',
    es: 'Ya hay una copia de seguridad en curso; espere a que termine',
    en: 'A backup is already running; wait for it to finish',
  },
  'backups.installation_only': {
    'pt-BR':
      'Backups abrangem toda a instalação: apenas administradores da organização principal podem gerenciá-los',
    es: 'Las copias de seguridad abarcan toda la instalación: solo los administradores de la organización principal pueden gestionarlas',
    en: 'Backups cover the whole installation: only administrators of the main organization can manage them',
  },
  'backups.not_downloadable': {
    'pt-BR':
      'Este backup não tem arquivo para baixar (falhou, ainda está em andamento ou foi removido pela retenção)',
    es: 'Esta copia no tiene archivo para descargar (falló, sigue en curso o la retención la eliminó)',
    en: 'This backup has no file to download (it failed, is still running, or retention removed it)',
  },
  'mail.backup_failed.subject': {
    'pt-BR': '[{org}] O backup falhou',
    es: '[{org}] La copia de seguridad falló',
    en: '[{org}] The backup failed',
  },
  'mail.backup_failed.body': {
    'pt-BR':
      'Olá, {name}.\n\nO backup ({trigger}) iniciado em {startedAt} falhou:\n\n{error}\n\nVeja a página Backups em {link} e, se o problema continuar, verifique o espaço em disco e as variáveis BACKUP_* do servidor.',
    es: 'Hola, {name}.\n\nLa copia de seguridad ({trigger}) iniciada el {startedAt} falló:\n\n{error}\n\nConsulte la página Copias de seguridad en {link} y, si el problema continúa, revise el espacio en disco y las variables BACKUP_* del servidor.',
    en: 'Hello {name},\n\nThe backup ({trigger}) started at {startedAt} failed:\n\n{error}\n\nSee the Backups page at {link}; if it keeps failing, check the disk space and the server’s BACKUP_* variables.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
