import type { Locale } from '@bancada/shared';

export const DOCUMENT_MESSAGES = {} as const satisfies Record<string, Record<Locale, string>>;
