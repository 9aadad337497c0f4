/** Quantities are numeric(12,3): JavaScript arithmetic runs on integer thousandths. */
export function toMilli(quantity: number | string): number {
  return Math.round(Number(quantity) * 1000);
}

export function fromMilli(milli: number): number {
  return milli / 1000;
}

/** The SQL literal of a quantity (exact to the thousandth). */
export function sqlQuantity(quantity: number): string {
  return fromMilli(toMilli(quantity)).toFixed(3);
}

/** Adds up the quantities of lines that name the same key (seed 004 lists may repeat a part). */
export function mergeLines<T extends { componentId: string; quantity: number }>(
  lines: T[],
): { componentId: string; quantity: number }[] {
  const totals = new Map<string, number>();
  for (const line of lines)
    totals.set(line.componentId, (totals.get(line.componentId) ?? 0) + toMilli(line.quantity));
  // a fixed lock order (by id) keeps two concurrent multi-line reservations from deadlocking
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([componentId, milli]) => ({ componentId, quantity: fromMilli(milli) }));
}
