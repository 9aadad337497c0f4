import { CHECKLIST_ITEMS, type ChecklistItemKey } from '@bancada/shared';
import type { ChecklistEntry } from '../orders/repairs.repo.js';

export function emptyChecklist(): ChecklistEntry[] {
  return CHECKLIST_ITEMS.map((key) => ({ key, done: false, note: null, doneBy: null, doneAt: null }));
}

/** The order's review checklist (seed 000 §3.1); an order from before the checklist starts empty. */
export function checklistOf(row: { checklist: ChecklistEntry[] }): ChecklistEntry[] {
  return row.checklist.length ? row.checklist : emptyChecklist();
}

/** The checklist with the changes applied: a checked item records who and when, unchecking clears it. */
export function applyChecklist(
  current: ChecklistEntry[],
  items: { key: ChecklistItemKey; done: boolean; note?: string | null | undefined }[],
  by: { name: string; at: string },
): ChecklistEntry[] {
  const changes = new Map(items.map((i) => [i.key, i]));
  return current.map((item) => {
    const change = changes.get(item.key as ChecklistItemKey);
    if (!change) return item;
    if (change.done === item.done) return { ...item, note: change.note ?? item.note };
    return change.done
      ? { ...item, done: true, note: change.note ?? null, doneBy: by.name, doneAt: by.at }
      : { ...item, done: false, note: change.note ?? null, doneBy: null, doneAt: null };
  });
}

/** The items still to check, for the checklist_complete guard. */
export function pendingItems(row: { checklist: ChecklistEntry[] }): ChecklistItemKey[] {
  return checklistOf(row)
    .filter((c) => !c.done)
    .map((c) => c.key as ChecklistItemKey);
}
