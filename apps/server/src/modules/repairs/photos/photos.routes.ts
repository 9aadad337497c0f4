import {
  ErrorBodySchema,
  IdParamSchema,
  RepairPhotoListSchema,
  RepairPhotoParamsSchema,
  RepairPhotoSchema,
} from '@bancada/shared';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.js';
import { authed, errors, fileResponse } from '../../../platform/http.js';
import { CAPTION_MAX, PHOTO_MAX_BYTES, PHOTO_STAGES } from './photo-files.js';
import type { PhotoUpload } from './photos.service.js';

// the form readUpload accepts, for the API document only: the route reads the parts itself
const PhotoUploadFormSchema = z.object({
  file: z.string().meta({ format: 'binary', description: 'JPEG, PNG or WebP, up to 10 MB' }),
  caption: z.string().max(CAPTION_MAX).optional(),
  stage: z.enum(PHOTO_STAGES).default('intake'),
});

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', 'documents.photo_too_large', { limit: PHOTO_MAX_BYTES / 1024 / 1024 });
const notMultipart = () =>
  new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'documents.photo_multipart',
    {},
    { file: 'documents.photo_multipart' },
  );

/** Reads the form: one `file`, and the `caption` and `stage` fields, in any order. */
async function readUpload(request: FastifyRequest): Promise<PhotoUpload> {
  if (!request.isMultipart()) throw notMultipart();
  const upload: Partial<PhotoUpload> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname !== 'file' || upload.bytes) continue;
        upload.bytes = bytes;
        upload.fileName = part.filename;
      } else if (part.fieldname === 'caption' || part.fieldname === 'stage') {
        upload[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code?.startsWith('FST_')) throw notMultipart();
    // the parser's own complaints (no boundary, a body cut short) are the client's malformed form
    throw new AppError('BAD_REQUEST', 'http.bad_request');
  }
  if (!upload.bytes) {
    throw new AppError('VALIDATION', 'validation.failed', {}, { file: 'documents.photo_missing' });
  }
  return upload as PhotoUpload;
}

export const repairPhotosRoutes: FastifyPluginAsyncZod = async (app) => {
  const photos = app.services.repairPhotos;
  // multipart lives in this plugin only: nowhere else accepts uploads
  await app.register(multipart, {
    limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
    throwFileSizeLimit: true,
  });

  app.post(
    '/repairs/:id/photos',
    {
      config: { permission: 'repairs:transition' },
      schema: {
        tags: ['repairs'],
        operationId: 'uploadRepairPhoto',
        summary:
          'Adds a photo (multipart/form-data: `file` JPEG/PNG/WebP up to 10 MB, `caption`, `stage` intake|work|delivery)',
        consumes: ['multipart/form-data'],
        documentedBody: { 'multipart/form-data': PhotoUploadFormSchema },
        params: IdParamSchema,
        response: {
          201: RepairPhotoSchema,
          ...errors(400, 401, 403, 404, 413),
          415: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const ctx = authed(request);
      const upload = await readUpload(request);
      const photo = await photos.upload(ctx, request.params.id, upload);
      return reply.status(201).send(photo);
    },
  );

  app.get(
    '/repairs/:id/photos',
    {
      // staff need repairs:read; a CUSTOMER their own orders' (the service checks both)
      schema: {
        tags: ['repairs'],
        operationId: 'listRepairPhotos',
        summary: "The order's photos, oldest first",
        params: IdParamSchema,
        response: { 200: RepairPhotoListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => photos.list(authed(request), request.params.id),
  );

  app.get(
    '/repairs/:id/photos/:photoId',
    {
      // staff need repairs:read; a CUSTOMER their own orders' (the service checks both)
      schema: {
        tags: ['repairs'],
        operationId: 'getRepairPhoto',
        summary: 'The image itself, with its content type',
        params: RepairPhotoParamsSchema,
        response: {
          200: fileResponse('The image as uploaded', 'image/jpeg', 'image/png', 'image/webp'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await photos.open(authed(request), request.params.id, request.params.photoId);
      return (
        reply
          .header('content-type', file.contentType)
          .header('content-length', file.size)
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          // a stored photo never changes: its id names these bytes for good
          .header('cache-control', 'private, max-age=31536000, immutable')
          // a stream bypasses the JSON serializer; the schema above only documents the body
          .send(file.stream as unknown as string)
      );
    },
  );
};
