import { BackupListSchema, BackupSchema, IdParamSchema } from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors, fileResponse } from '../../platform/http.js';

/** Backups of the installation (issue 13 §1): administrators of the default organization only. */
export const backupsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { backups } = app.services;
  // closing the app (shutdown, the end of a test) lets a running backup finish and record itself
  app.addHook('onClose', async () => backups.settled());

  app.get(
    '/backups',
    {
      config: { permission: 'backups:manage' },
      schema: {
        tags: ['operations'],
        operationId: 'listBackups',
        summary: 'Backups, newest first, with the schedule, the destination and the retention',
        response: { 200: BackupListSchema, ...errors(401, 403) },
      },
    },
    async (request) => backups.list(authed(request)),
  );

  app.post(
    '/backups',
    {
      config: { permission: 'backups:manage' },
      schema: {
        tags: ['operations'],
        operationId: 'startBackup',
        summary:
          'Start a backup now; it runs in the background (poll GET /api/backups/{id} for its progress)',
        response: { 202: BackupSchema, ...errors(401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(202).send(await backups.start(authed(request))),
  );

  app.get(
    '/backups/:id',
    {
      config: { permission: 'backups:manage' },
      schema: {
        tags: ['operations'],
        operationId: 'getBackup',
        summary: 'One backup, with its progress while it runs',
        params: IdParamSchema,
        response: { 200: BackupSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => backups.get(authed(request), request.params.id),
  );

  app.get(
    '/backups/:id/download',
    {
      config: { permission: 'backups:manage' },
      schema: {
        tags: ['operations'],
        operationId: 'downloadBackup',
        summary: 'The encrypted archive (restore it with `npm run cli -- restore FILE` and its BACKUP_KEY)',
        params: IdParamSchema,
        response: {
          200: fileResponse('The encrypted backup archive', 'application/octet-stream'),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const file = await backups.download(authed(request), request.params.id);
      return (
        reply
          .header('content-type', 'application/octet-stream')
          .header('content-length', file.size)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store')
          // a stream bypasses the JSON serializer; the schema above only documents the body
          .send(file.stream as unknown as string)
      );
    },
  );
};
