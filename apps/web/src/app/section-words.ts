import type { TFunction } from 'i18next';
import type { BillingSectionKey, SectionKey } from './nav';

const BILLING_SECTIONS: readonly SectionKey[] = [
  'invoices',
  'cash',
  'receivables',
] satisfies BillingSectionKey[];

// billing's words live in the service-order part (repairs.json), which the signed-in frame loads
function isBillingSection(key: SectionKey): key is BillingSectionKey {
  return BILLING_SECTIONS.includes(key);
}

/** A section's name in the menu and as its page's title. */
export function sectionTitle(t: TFunction, key: SectionKey): string {
  // the LGPD tooling keeps its words under its own key (issue 13 §6)
  if (key === 'privacy') return t('privacy.nav');
  // backups too (issue 13 §1)
  if (key === 'backups') return t('backups.nav');
  // the calendar too (issue 15 §1)
  if (key === 'calendar') return t('scheduling.nav');
  return isBillingSection(key) ? t(`billing.nav.${key}`) : t(`nav.${key}`);
}

/** A section's card on the home page. */
export function sectionCard(t: TFunction, key: SectionKey): { title: string; description: string } {
  if (isBillingSection(key)) {
    return { title: t(`billing.home.${key}.title`), description: t(`billing.home.${key}.description`) };
  }
  if (key === 'privacy')
    return { title: t('privacy.home.title'), description: t('privacy.home.description') };
  if (key === 'backups')
    return { title: t('backups.home.title'), description: t('backups.home.description') };
  if (key === 'calendar')
    return { title: t('scheduling.home.title'), description: t('scheduling.home.description') };
  return { title: t(`home.cards.${key}.title`), description: t(`home.cards.${key}.description`) };
}
