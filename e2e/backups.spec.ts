import { expect, type Page, test } from '@playwright/test';
import { ADMIN, type Lang, nav, shot as screenshot, setLanguage, signIn } from './support.js';

/** The names the journey looks for, per language (apps/web/src/locales/<lang>/translation.json, "backups"). */
const UI = {
  'pt-BR': {
    section: 'Backups',
    backUpNow: 'Fazer backup agora',
    finished: /Backup concluído \(\d/,
    succeeded: 'Concluído',
    download: 'Baixar',
  },
  es: {
    section: 'Copias de seguridad',
    backUpNow: 'Hacer copia ahora',
    finished: /Copia terminada \(\d/,
    succeeded: 'Completada',
    download: 'Descargar',
  },
  en: {
    section: 'Backups',
    backUpNow: 'Back up now',
    finished: /Backup finished \(\d/,
    succeeded: 'Succeeded',
    download: 'Download',
  },
} as const;

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function openBackups(page: Page, lang: Lang) {
  await nav(page, lang).getByRole('link', { name: UI[lang].section, exact: true }).click();
  await expect(page.getByRole('heading', { name: UI[lang].section, level: 1 })).toBeVisible();
}

test.describe('backups', () => {
  // a whole backup of the e2e database runs inside the first journey: give it room on a busy machine
  test.describe.configure({ mode: 'serial', timeout: 150_000 });

  test('the administrator backs up now, watches it finish and downloads the encrypted archive', async ({
    page,
  }) => {
    const ui = UI['pt-BR'];
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await openBackups(page, 'pt-BR');
    await page.getByRole('button', { name: ui.backUpNow }).click();
    // the notice comes when the list shows it finished (the page polls while one runs)
    await expect(page.getByText(ui.finished)).toBeVisible({ timeout: 90_000 });
    // the picture without the two notices over the table
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: ui.succeeded }).first();
    await expect(row).toBeVisible();
    await shot(page, 'backups-pt-BR');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: new RegExp(ui.download) }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bancada-backup-\d{8}T\d{6}Z-[0-9a-f]+\.bak$/);
    const bytes = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
    expect(bytes.length).toBeGreaterThan(1000);
    // encrypted: no table name or e-mail of the database readable in it
    expect(bytes.includes(Buffer.from(ADMIN.email))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
  });

  for (const lang of ['es', 'en'] as const) {
    test(`the backups page reads in ${lang}`, async ({ page }) => {
      await setLanguage(page, lang);
      await signIn(page, ADMIN.email, ADMIN.password, lang);
      await openBackups(page, lang);
      await expect(page.getByRole('row').filter({ hasText: UI[lang].succeeded }).first()).toBeVisible();
      await shot(page, `backups-${lang}`);
    });
  }

  test('the backups page fits a phone', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/backups');
    await expect(page.getByRole('button', { name: UI['pt-BR'].backUpNow })).toBeVisible();
    await shot(page, 'backups-phone-pt-BR');
  });
});
