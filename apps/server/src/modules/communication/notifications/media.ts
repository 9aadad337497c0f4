import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  CONVERSATION_ATTACHMENT_MAX_BYTES,
  CONVERSATION_ATTACHMENTS_MAX,
  CONVERSATION_ATTACHMENTS_TOTAL_BYTES,
} from '@bancada/shared';
import type pg from 'pg';
import type { Config } from '../../../config.js';
import type { Database } from '../../../db/client.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { publishLive } from '../../../platform/live.js';
import { type Storage, type StoredFile, storageKey } from '../../../platform/storage.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { OutboxAttachment } from '../../outbox/outbox.service.js';
import {
  createWhatsAppCloudChannel,
  type WhatsAppCloudChannel,
  WhatsAppSendError,
} from '../channels/whatsapp-cloud.js';
import type { WhatsAppMessageEvent } from '../channels/whatsapp-webhook.js';
import type { ConversationAttachment, NotificationsRepo } from './notifications.repo.js';

/** A customer's file is refused above this (WhatsApp's own limit for video and audio). */
export const INBOUND_MEDIA_MAX_BYTES = 16 * 1024 * 1024;
/** Fetches of one file before it is marked unavailable (pg-boss retries the job with backoff). */
export const MEDIA_FETCH_ATTEMPTS = 5;
/** The inbound message types whose file is fetched and kept. */
const FETCHED_TYPES = new Set(['image', 'document', 'audio', 'video']);

// served inline only when a browser cannot run it; anything else is a download in a sandbox
const INLINE_TYPES = /^(image\/(jpeg|png|webp|gif)|application\/pdf|audio\/[\w.+-]+|video\/[\w.+-]+)$/;
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
};

/** A file a staff member attached to a reply, as the route read it. */
export type StaffFile = { bytes: Buffer; fileName: string | undefined };
/** A staff file checked and kept: the conversation's attachment and the outbox's copy. */
export type KeptFile = { attachment: ConversationAttachment; outbox: OutboxAttachment };

const baseType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

/** The file type from its first bytes (what the browser declared is not trusted). */
export function sniffStaffFile(bytes: Buffer): { contentType: string; extension: string } | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { contentType: 'image/jpeg', extension: 'jpg' };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { contentType: 'image/png', extension: 'png' };
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return { contentType: 'image/webp', extension: 'webp' };
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-')
    return { contentType: 'application/pdf', extension: 'pdf' };
  return null;
}

/** A file name kept for display only: no folders, no control characters or quotes, bounded. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const base = path.basename((name ?? '').replaceAll('\\', '/'));
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}

/** How a stored file is served: its own type inline when harmless, else a download. */
export function servedAs(contentType: string): { contentType: string; inline: boolean } {
  const type = baseType(contentType);
  return INLINE_TYPES.test(type)
    ? { contentType: type, inline: true }
    : { contentType: 'application/octet-stream', inline: false };
}

/** The attachment an inbound WhatsApp file will become, still to fetch; none for other messages. */
export function pendingAttachmentOf(event: WhatsAppMessageEvent): ConversationAttachment | null {
  if (!event.media || !FETCHED_TYPES.has(event.type)) return null;
  const extension = EXTENSIONS[baseType(event.media.mimeType)] ?? 'bin';
  return {
    id: randomUUID(),
    key: null,
    filename: cleanFileName(event.media.filename, `${event.type}.${extension}`),
    contentType: event.media.mimeType,
    size: 0,
    status: 'pending',
    mediaId: event.media.id,
    attempts: 0,
  };
}

/** Fetches, checks (size, SHA-256) and stores one inbound file; a failure says whether to try again. */
async function download(
  channel: WhatsAppCloudChannel | null,
  storage: Storage,
  organizationId: string,
  conversationId: string,
  mediaId: string,
): Promise<{ key: string; size: number; contentType: string }> {
  if (!channel) {
    throw new WhatsAppSendError('config', 'WhatsApp is not configured: the file cannot be fetched.');
  }
  const info = await channel.mediaInfo(mediaId);
  if (info.fileSize > INBOUND_MEDIA_MAX_BYTES) {
    throw new WhatsAppSendError(
      'input',
      `The file has ${info.fileSize} bytes; at most ${INBOUND_MEDIA_MAX_BYTES}.`,
    );
  }
  const bytes = await channel.downloadMedia(info.url, INBOUND_MEDIA_MAX_BYTES);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== info.sha256.toLowerCase()) {
    throw new WhatsAppSendError('unexpected', 'The file does not match the SHA-256 WhatsApp gave.', {
      retryable: true,
    });
  }
  const extension = EXTENSIONS[baseType(info.mimeType)] ?? 'bin';
  const key = storageKey(['conversations', organizationId, conversationId], extension);
  await storage.put(key, bytes, info.mimeType);
  return { key, size: bytes.length, contentType: info.mimeType };
}

/** The inbox hears the file arrived (or will not). */
async function announce(
  tx: Tx,
  message: { id: string; organizationId: string; conversationId: string; repairId: string | null },
) {
  await publishLive(tx, {
    type: 'conversation.message',
    organizationId: message.organizationId,
    customerId: '',
    conversationId: message.conversationId,
    repairId: message.repairId,
    messageId: message.id,
    at: new Date().toISOString(),
  });
}

export type MediaDeps = {
  db: Database;
  pool: pg.Pool;
  repo: NotificationsRepo;
  storage: Storage;
  config: Pick<Config, 'whatsapp'>;
};

/** Files in conversations (issue 14 §3): customers' WhatsApp media, staff attachments, reading them back. */
export function createMedia(deps: MediaDeps) {
  const { db, repo, storage } = deps;
  const { whatsapp } = deps.config;
  const channel =
    whatsapp.phoneNumberId && whatsapp.accessToken
      ? createWhatsAppCloudChannel({
          ...(whatsapp.apiUrl ? { apiUrl: whatsapp.apiUrl } : {}),
          ...(whatsapp.apiVersion ? { apiVersion: whatsapp.apiVersion } : {}),
          phoneNumberId: whatsapp.phoneNumberId,
          accessToken: whatsapp.accessToken,
        })
      : null;

  return {
    /**
     * The `conversation-media` job: the webhook answered at once, the file is fetched here. A failure
     * that may pass is thrown (pg-boss retries with backoff) until the last attempt, which — like a
     * failure that will not pass (too large, gone) — leaves the attachment `unavailable`; the message stays.
     */
    async fetchInbound(job: { messageId: string; attachmentId: string }): Promise<void> {
      const message = await repo.messageForUpdate(db, job.messageId);
      const pending = message?.attachments.find((a) => a.id === job.attachmentId && a.status === 'pending');
      if (!message || !pending?.mediaId) return;
      let stored: Awaited<ReturnType<typeof download>> | null = null;
      let failure: unknown = null;
      try {
        stored = await download(
          channel,
          storage,
          message.organizationId,
          message.conversationId,
          pending.mediaId,
        );
      } catch (error) {
        failure = error;
      }
      const again = await inTransaction(deps.pool, async (tx) => {
        const locked = await repo.messageForUpdate(tx.db, job.messageId);
        const current = locked?.attachments.find((a) => a.id === job.attachmentId);
        if (!locked || current?.status !== 'pending') return false;
        const attempts = (current.attempts ?? 0) + 1;
        const retryable = (failure as { retryable?: boolean } | null)?.retryable !== false;
        const next: ConversationAttachment = stored
          ? { ...current, ...stored, status: 'ready', attempts }
          : {
              ...current,
              attempts,
              status: retryable && attempts < MEDIA_FETCH_ATTEMPTS ? 'pending' : 'unavailable',
            };
        await repo.setAttachments(
          tx.db,
          locked.id,
          locked.attachments.map((a) => (a.id === current.id ? next : a)),
        );
        if (next.status !== 'pending') await announce(tx, locked);
        return next.status === 'pending';
      });
      if (again) throw failure;
    },

    /** Staff files checked (count, type by content, size) before anything is written. */
    checkStaffFiles(files: StaffFile[]): Array<StaffFile & { contentType: string; extension: string }> {
      if (files.length > CONVERSATION_ATTACHMENTS_MAX) {
        throw new AppError(
          'VALIDATION',
          'communication.attachments_too_many',
          {
            limit: CONVERSATION_ATTACHMENTS_MAX,
          },
          { files: `max ${CONVERSATION_ATTACHMENTS_MAX}` },
        );
      }
      let total = 0;
      return files.map((file, index) => {
        total += file.bytes.length;
        if (
          file.bytes.length > CONVERSATION_ATTACHMENT_MAX_BYTES ||
          total > CONVERSATION_ATTACHMENTS_TOTAL_BYTES
        ) {
          throw new AppError('PAYLOAD_TOO_LARGE', 'communication.attachment_too_large', {
            limit: CONVERSATION_ATTACHMENT_MAX_BYTES / 1024 / 1024,
            total: CONVERSATION_ATTACHMENTS_TOTAL_BYTES / 1024 / 1024,
          });
        }
        const type = sniffStaffFile(file.bytes);
        if (!type) {
          throw new AppError(
            'VALIDATION',
            'communication.attachment_type',
            {},
            {
              [`files.${index}`]: file.fileName ?? `#${index + 1}`,
            },
          );
        }
        return { ...file, ...type };
      });
    },

    /** Checked staff files into storage (sealed), as the conversation's attachments and the outbox's copies. */
    async keepStaffFiles(
      organizationId: string,
      conversationId: string,
      files: Array<StaffFile & { contentType: string; extension: string }>,
    ): Promise<KeptFile[]> {
      const kept: KeptFile[] = [];
      for (const file of files) {
        const key = storageKey(['conversations', organizationId, conversationId], file.extension);
        await storage.put(key, file.bytes, file.contentType);
        const filename = cleanFileName(file.fileName, `arquivo.${file.extension}`);
        kept.push({
          attachment: {
            id: randomUUID(),
            key,
            filename,
            contentType: file.contentType,
            size: file.bytes.length,
            status: 'ready',
          },
          outbox: { filename, contentType: file.contentType, contentBase64: file.bytes.toString('base64') },
        });
      }
      return kept;
    },

    /** A generated PDF (an automatic message's) kept so the conversation shows it too. */
    async keepDocument(
      organizationId: string,
      conversationId: string,
      file: OutboxAttachment,
    ): Promise<ConversationAttachment> {
      const bytes = Buffer.from(file.contentBase64, 'base64');
      const key = storageKey(['conversations', organizationId, conversationId], 'pdf');
      await storage.put(key, bytes, file.contentType);
      return {
        id: randomUUID(),
        key,
        filename: file.filename,
        contentType: file.contentType,
        size: bytes.length,
        status: 'ready',
      };
    },

    /** One attachment of a conversation for a staff member: 404 outside the organization or not kept. */
    async open(
      ctx: AuthedContext,
      conversationId: string,
      attachmentId: string,
    ): Promise<StoredFile & { contentType: string; inline: boolean; fileName: string }> {
      assertCan(ctx, 'messages:read');
      const organizationId = ctx.actor.organizationId;
      const conversation = await repo.conversation(db, organizationId, conversationId);
      if (!conversation) throw new AppError('NOT_FOUND', 'communication.conversation_not_found');
      const message = await repo.messageWithAttachment(db, organizationId, conversationId, attachmentId);
      const attachment = message?.attachments.find((a) => a.id === attachmentId);
      if (!attachment) throw new AppError('NOT_FOUND', 'communication.attachment_not_found');
      if (attachment.status === 'pending') throw new AppError('CONFLICT', 'communication.attachment_pending');
      const file = attachment.key ? await storage.get(attachment.key) : null;
      if (!file) throw new AppError('NOT_FOUND', 'communication.attachment_unavailable');
      return { ...file, ...servedAs(attachment.contentType), fileName: attachment.filename };
    },
  };
}
export type Media = ReturnType<typeof createMedia>;
