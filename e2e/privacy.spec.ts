import { expect, type Page, test } from '@playwright/test';
import { ADMIN, type Lang, nav, shot as screenshot, setLanguage, signIn } from './support.js';

/** The names the journey looks for, per language (apps/web/src/locales/<lang>/translation.json, "privacy"). */
const UI = {
  'pt-BR': {
    section: 'Privacidade (LGPD)',
    newIncident: 'Registrar incidente',
    title: 'O que aconteceu',
    discovered: 'Quando foi descoberto',
    affected: 'Pessoas afetadas',
    save: 'Salvar',
    overdue: 'Prazo vencido',
    policyTab: 'Política',
    policyText: 'Texto da política',
    publish: 'Publicar nova versão',
    published: 'Versão 1 publicada',
    publicTitle: 'Política de privacidade',
  },
  es: {
    section: 'Privacidad (LGPD)',
    overdue: 'Plazo vencido',
    publicTitle: 'Política de privacidad',
  },
  en: {
    section: 'Privacy (LGPD)',
    overdue: 'Overdue',
    publicTitle: 'Privacy policy',
  },
} as const;

const POLICY = `# Como tratamos seus dados

A Oficina usa seu nome, telefone e os dados do veículo para executar o serviço e emitir a nota fiscal.

## Seus direitos (LGPD art. 18)

- confirmar e acessar seus dados
- corrigir dados incompletos
- pedir a anonimização ou a portabilidade

Fale com o encarregado pelo e-mail privacidade@oficina.test.`;

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function openPrivacy(page: Page, lang: Lang) {
  await nav(page, lang).getByRole('link', { name: UI[lang].section }).click();
  await expect(page.getByRole('heading', { name: UI[lang].section, level: 1 })).toBeVisible();
}

test.describe('privacy (LGPD)', () => {
  // two journeys in one test each (sign-in, forms, a second browser): more than the default minute on a busy machine
  test.describe.configure({ mode: 'serial', timeout: 150_000 });

  test('the administrator records an incident, publishes the policy, and the public page shows it', async ({
    page,
    browser,
  }) => {
    const ui = UI['pt-BR'];
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await openPrivacy(page, 'pt-BR');

    await page.getByRole('button', { name: ui.newIncident }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(ui.title).fill('Notebook da recepção furtado com planilha de clientes');
    // a Thursday before Tiradentes: the deadline skips the weekend and the holiday (22/04/2026)
    await dialog.getByLabel(ui.discovered).fill('2026-04-16T14:00');
    await dialog.getByLabel(ui.affected).fill('120');
    await dialog.getByRole('button', { name: ui.save }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Notebook da recepção furtado com planilha de clientes')).toBeVisible();
    await expect(page.getByText(ui.overdue)).toBeVisible();
    await expect(page.getByText(/22 de abr\. de 2026/)).toBeVisible();
    await shot(page, 'privacy-incidents-pt-BR');

    await page.getByRole('tab', { name: ui.policyTab }).click();
    await page.getByLabel(ui.policyText).fill(POLICY);
    await page.getByRole('button', { name: ui.publish }).click();
    await expect(page.getByText(ui.published)).toBeVisible();
    await shot(page, 'privacy-policy-editor-pt-BR');

    // the public page: no sign-in
    const visitor = await browser.newContext({ locale: 'pt-BR' });
    const publicPage = await visitor.newPage();
    await publicPage.goto('/privacy');
    await expect(publicPage.getByRole('heading', { name: ui.publicTitle, level: 1 })).toBeVisible();
    await expect(publicPage.getByRole('heading', { name: 'Seus direitos (LGPD art. 18)' })).toBeVisible();
    await expect(publicPage.getByText('pedir a anonimização ou a portabilidade')).toBeVisible();
    await shot(publicPage, 'privacy-public-pt-BR');
    await publicPage.setViewportSize({ width: 390, height: 844 });
    await shot(publicPage, 'privacy-public-phone-pt-BR');
    await visitor.close();
  });

  for (const lang of ['es', 'en'] as const) {
    test(`the incident register and the privacy page read in ${lang}`, async ({ page, browser }) => {
      const ui = UI[lang];
      await setLanguage(page, lang);
      await signIn(page, ADMIN.email, ADMIN.password, lang);
      await openPrivacy(page, lang);
      await expect(page.getByText(ui.overdue)).toBeVisible();
      await shot(page, `privacy-incidents-${lang}`);

      const visitor = await browser.newContext({ locale: lang });
      const publicPage = await visitor.newPage();
      await setLanguage(publicPage, lang);
      await publicPage.goto('/privacy');
      await expect(publicPage.getByRole('heading', { name: ui.publicTitle, level: 1 })).toBeVisible();
      await shot(publicPage, `privacy-public-${lang}`);
      await visitor.close();
    });
  }

  test('the incident register fits a phone', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/lgpd');
    await expect(page.getByText(UI['pt-BR'].overdue)).toBeVisible();
    await shot(page, 'privacy-incidents-phone-pt-BR');
  });
});
