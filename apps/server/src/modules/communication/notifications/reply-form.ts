import {
  CONVERSATION_ATTACHMENT_MAX_BYTES,
  CONVERSATION_ATTACHMENTS_MAX,
  CONVERSATION_ATTACHMENTS_TOTAL_BYTES,
  ConversationReplyFieldsSchema,
  ConversationReplySchema,
} from '@bancada/shared';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../../platform/errors.js';
import { type RequestValidationError, validatorCompiler } from '../../../platform/validation.js';
import type { StaffFile } from './media.js';

type Reply = z.output<typeof ConversationReplySchema>;

/** The limits the multipart parser enforces while reading (the service checks the files again). */
export const REPLY_FORM_LIMITS = {
  fileSize: CONVERSATION_ATTACHMENT_MAX_BYTES,
  // one more than allowed, so a sixth file is refused by name rather than dropped
  files: CONVERSATION_ATTACHMENTS_MAX + 1,
  fields: 10,
  fieldSize: 16 * 1024,
  parts: CONVERSATION_ATTACHMENTS_MAX + 11,
};

const REPLY_FIELDS = new Set(['text', 'repairId', 'channel']);

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', 'communication.attachment_too_large', {
    limit: CONVERSATION_ATTACHMENT_MAX_BYTES / 1024 / 1024,
    total: CONVERSATION_ATTACHMENTS_TOTAL_BYTES / 1024 / 1024,
  });

/** Parses like a route's body schema (NUL bytes refused, a missing field "Campo obrigatório"). */
function validate<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const result = validatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '' })(data) as
    | { value: z.output<T> }
    | { error: RequestValidationError };
  if ('error' in result) {
    result.error.validationContext = 'body';
    throw result.error;
  }
  return result.value;
}

/**
 * A staff reply as JSON `{text, repairId?, channel?}` (unchanged), or as multipart/form-data with the
 * same fields and up to five `files`; the text may then be empty.
 */
export async function readReply(request: FastifyRequest): Promise<{ reply: Reply; files: StaffFile[] }> {
  if (!request.isMultipart()) return { reply: validate(ConversationReplySchema, request.body), files: [] };
  const fields: Record<string, string> = {};
  const files: StaffFile[] = [];
  let total = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        total += bytes.length;
        // the reply's files are held in memory until stored: stop reading past the total allowed
        if (total > CONVERSATION_ATTACHMENTS_TOTAL_BYTES) throw tooLarge();
        if (part.fieldname === 'files' || part.fieldname === 'file') {
          files.push({ bytes, fileName: part.filename });
        }
      } else if (REPLY_FIELDS.has(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw tooLarge();
    }
    if (code === 'FST_FILES_LIMIT') {
      throw new AppError(
        'VALIDATION',
        'communication.attachments_too_many',
        { limit: CONVERSATION_ATTACHMENTS_MAX },
        { files: `max ${CONVERSATION_ATTACHMENTS_MAX}` },
      );
    }
    // the parser's own complaints (no boundary, a body cut short) are the client's malformed form
    throw new AppError('BAD_REQUEST', 'http.bad_request');
  }
  return { reply: validate(ConversationReplyFieldsSchema, fields), files };
}
