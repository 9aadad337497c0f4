import type { EstimateLine } from '@bancada/shared';

interface Words {
  /** "2 h" in the UI language (repairPage.lines.hours) */
  hours: (hours: string) => string;
  number: (value: number) => string;
}

/**
 * A line of an estimate version as the shop reads it. A service line's quantity is its hours:
 * "2 h · Regulagem", never "2 × Regulagem" (issue 10); a part shows how many when more than one.
 */
export function estimateLineLabel(
  line: Pick<EstimateLine, 'lineType' | 'quantity' | 'description'>,
  words: Words,
): string {
  if (line.lineType === 'service') return `${words.hours(words.number(line.quantity))} · ${line.description}`;
  if (line.quantity !== 1) return `${words.number(line.quantity)} × ${line.description}`;
  return line.description;
}
