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

/** The weekly audit checkpoint (issue 13 §7): the chain's head, kept outside the database. */
export const AUDIT_CHECKPOINT_MESSAGES = {
  'mail.audit_checkpoint.subject': {
    'pt-BR': '[{org}] Ponto de controle da trilha de auditoria',
    es: '[{org}] Punto de control del registro de auditoría',
    en: '[{org}] Audit trail checkpoint',
  },
  'mail.audit_checkpoint.body': {
    'pt-BR':
      'Olá, {name}.\n\nA trilha de auditoria foi verificada em {at} e está íntegra: {rows} registros, o último é o {lastId}, com o hash\n\n{hash}\n\nGuarde este e-mail (e o arquivo anexo) fora do servidor. Se um dia alguém alterar ou apagar registros antigos, mesmo com acesso total ao banco de dados, o comando `npm run cli -- verify-audit --anchor ARQUIVO` com este anexo vai apontar a alteração.',
    es: 'Hola, {name}.\n\nEl registro de auditoría se verificó el {at} y está íntegro: {rows} registros, el último es el {lastId}, con el hash\n\n{hash}\n\nGuarde este correo (y el archivo adjunto) fuera del servidor. Si algún día alguien altera o borra registros antiguos, incluso con acceso total a la base de datos, el comando `npm run cli -- verify-audit --anchor ARCHIVO` con este adjunto señalará el cambio.',
    en: 'Hello {name},\n\nThe audit trail was verified at {at} and is intact: {rows} entries, the last one is {lastId}, with the hash\n\n{hash}\n\nKeep this e-mail (and the attached file) off the server. If anyone ever alters or deletes earlier entries, even with full access to the database, `npm run cli -- verify-audit --anchor FILE` with this attachment will point at the change.',
  },
  'mail.audit_broken.subject': {
    'pt-BR': '[{org}] ALERTA: a trilha de auditoria foi alterada',
    es: '[{org}] ALERTA: el registro de auditoría fue alterado',
    en: '[{org}] ALERT: the audit trail was altered',
  },
  'mail.audit_broken.body': {
    'pt-BR':
      'Olá, {name}.\n\nA verificação semanal encontrou a trilha de auditoria quebrada no registro {row}: {detail}\n\nAlguém alterou, apagou ou truncou registros diretamente no banco de dados. Preserve o servidor e os backups como estão e veja docs/operations.md (verify-audit).',
    es: 'Hola, {name}.\n\nLa verificación semanal encontró el registro de auditoría roto en la entrada {row}: {detail}\n\nAlguien alteró, borró o truncó entradas directamente en la base de datos. Preserve el servidor y las copias como están y consulte docs/operations.md (verify-audit).',
    en: 'Hello {name},\n\nThe weekly check found the audit trail broken at entry {row}: {detail}\n\nSomeone altered, deleted or truncated entries directly in the database. Keep the server and the backups as they are and see docs/operations.md (verify-audit).',
  },
} as const satisfies Record<string, Record<Locale, string>>;
