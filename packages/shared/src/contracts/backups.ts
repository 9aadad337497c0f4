import { z } from 'zod';
import { IsoDateTimeSchema } from './common.js';

/** Backups of the whole installation (issue 13 §1): scheduled daily, or started now. */
export const BACKUP_TRIGGERS = ['schedule', 'manual', 'cli'] as const;
export type BackupTrigger = (typeof BACKUP_TRIGGERS)[number];
export const BACKUP_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];
export const BACKUP_PHASES = ['starting', 'database', 'uploads', 'storing', 'done'] as const;
export type BackupPhase = (typeof BACKUP_PHASES)[number];
export const BACKUP_DESTINATIONS = ['local', 's3', 'file'] as const;
export type BackupDestination = (typeof BACKUP_DESTINATIONS)[number];

export const BackupSchema = z
  .object({
    id: z.uuid(),
    trigger: z.enum(BACKUP_TRIGGERS),
    status: z.enum(BACKUP_STATUSES),
    /** what a running backup is doing now */
    phase: z.enum(BACKUP_PHASES),
    /** 0–100 */
    progress: z.number().int().min(0).max(100),
    startedAt: IsoDateTimeSchema,
    finishedAt: IsoDateTimeSchema.nullable(),
    /** the encrypted archive's size */
    sizeBytes: z.number().int().nullable(),
    destination: z.enum(BACKUP_DESTINATIONS).nullable(),
    fileName: z.string().nullable(),
    error: z.string().nullable(),
    /** when retention deleted the archive */
    removedAt: IsoDateTimeSchema.nullable(),
    /** GET /api/backups/{id}/download serves it */
    downloadable: z.boolean(),
  })
  .meta({ id: 'Backup' });
export type Backup = z.infer<typeof BackupSchema>;

export const BackupListSchema = z
  .object({
    items: z.array(BackupSchema),
    /** where new archives go: DATA_DIR/backups, or the S3-compatible bucket */
    destination: z.enum(['local', 's3']),
    schedule: z.object({
      /** local wall-clock time, HH:MM */
      time: z.string(),
      timeZone: z.string(),
      nextRunAt: IsoDateTimeSchema,
    }),
    retention: z.object({ daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int() }),
  })
  .meta({ id: 'BackupList' });
export type BackupList = z.infer<typeof BackupListSchema>;
