import {
  CONVERSATION_ATTACHMENT_MAX_BYTES,
  CONVERSATION_ATTACHMENT_TYPES,
  CONVERSATION_ATTACHMENTS_MAX,
  CONVERSATION_ATTACHMENTS_TOTAL_BYTES,
} from '@bancada/shared';

const MB = 1024 * 1024;

export type PickProblem = {
  key: 'tooMany' | 'wrongType' | 'tooLarge' | 'totalTooLarge';
  values: Record<string, string | number>;
};

/** The files picked for a reply, checked as the server will (type, size, count). */
export function checkPicked(files: ReadonlyArray<Pick<File, 'name' | 'type' | 'size'>>): PickProblem | null {
  if (files.length > CONVERSATION_ATTACHMENTS_MAX) {
    return { key: 'tooMany', values: { count: CONVERSATION_ATTACHMENTS_MAX } };
  }
  for (const file of files) {
    if (!(CONVERSATION_ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      return { key: 'wrongType', values: { name: file.name } };
    }
    if (file.size > CONVERSATION_ATTACHMENT_MAX_BYTES) {
      return { key: 'tooLarge', values: { name: file.name, size: CONVERSATION_ATTACHMENT_MAX_BYTES / MB } };
    }
  }
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > CONVERSATION_ATTACHMENTS_TOTAL_BYTES) {
    return { key: 'totalTooLarge', values: { size: CONVERSATION_ATTACHMENTS_TOTAL_BYTES / MB } };
  }
  return null;
}
