import { z } from 'zod';

export const PaginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type PaginationQuery = z.infer<typeof PaginationQuerySchema>;

/**
 * Lists that grow without bound (service orders) count at most this many rows: past it `total` is
 * this figure and `totalCapped` is true ("10,000+"), so a count never walks a million rows.
 */
export const COUNT_CAP = 10_000;

/** For long lists: `cursor` (the previous page's `nextCursor`) continues after that page (keyset). */
export const CursorQuerySchema = PaginationQuerySchema.extend({
  /** the previous page's `nextCursor`; when present `page` is ignored */
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** A page of a long list: a capped total and the cursor of the next page (null on the last one). */
export function cursorPageOf<T extends z.ZodType>(item: T) {
  return pageOf(item).extend({
    /** true when there are more than COUNT_CAP rows and `total` is COUNT_CAP */
    totalCapped: z.boolean(),
    nextCursor: z.string().nullable(),
  });
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type CursorPage<T> = Page<T> & { totalCapped: boolean; nextCursor: string | null };
