import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en/repair-page.json';
import es from '../../locales/es/repair-page.json';
import ptBR from '../../locales/pt-BR/repair-page.json';
import { estimateLineLabel } from './estimate-lines';

/** The words the versions list uses, from the real locale file, as the page renders them. */
async function wordsIn(lng: string, translation: object) {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { translation } }, interpolation: { escapeValue: false } });
  const numbers = new Intl.NumberFormat(lng);
  return {
    hours: (hours: string) => i18n.t('repairPage.lines.hours', { hours }),
    number: (value: number) => numbers.format(value),
  };
}

describe('the estimate versions list', () => {
  it.each([
    ['pt-BR', ptBR, '2 h · Regulagem da porta', '1,5 h · Troca de gás'],
    ['es', es, '2 h · Regulagem da porta', '1,5 h · Troca de gás'],
    ['en', en, '2 h · Regulagem da porta', '1.5 h · Troca de gás'],
  ] as const)('in %s says hours for a service line, never “2 ×”', async (lng, file, two, oneAndAHalf) => {
    const words = await wordsIn(lng, file);
    const service = (quantity: number, description: string) =>
      estimateLineLabel({ lineType: 'service', quantity, description }, words);
    expect(service(2, 'Regulagem da porta')).toBe(two);
    expect(service(1.5, 'Troca de gás')).toBe(oneAndAHalf);
    expect(service(2, 'Regulagem da porta')).not.toContain('×');
  });

  it('counts parts, and leaves a single part or an appliance as it is', async () => {
    const words = await wordsIn('pt-BR', ptBR);
    expect(estimateLineLabel({ lineType: 'part', quantity: 2, description: 'Relé' }, words)).toBe('2 × Relé');
    expect(estimateLineLabel({ lineType: 'part', quantity: 1, description: 'Relé' }, words)).toBe('Relé');
    expect(
      estimateLineLabel({ lineType: 'appliance', quantity: 1, description: 'Geladeira Brastemp' }, words),
    ).toBe('Geladeira Brastemp');
  });
});
