import { zonedDayRange } from '../../app/shop-dates';

/** What of the list's filters (api.ts's RepairFilters) needs shaping for the query string. */
interface ShapedFilters {
  status?: readonly string[];
  /** days (YYYY-MM-DD) on the shop's calendar */
  from?: string;
  to?: string;
}

/**
 * The list's filters as GET /repairs reads them. "Received from … to …" are days on the shop's
 * calendar, both taken in whole: they go as the start of the first day and the end of the last in
 * the shop's zone, with its offset. (Bare dates were read as midnight UTC: the "to" day was left out
 * and both ends were off by the shop's offset.)
 */
export function repairListParams<F extends ShapedFilters>(filters: F, timeZone?: string) {
  const { status, from, to, ...rest } = filters;
  return {
    ...rest,
    status: status && status.length > 0 ? status.join(',') : undefined,
    ...zonedDayRange(from, to, timeZone),
  };
}
