import type { Locale } from '@bancada/shared';

export const ESTIMATE_MESSAGES = {} as const satisfies Record<string, Record<Locale, string>>;
