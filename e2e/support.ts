import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import pg from 'pg';

export const ADMIN = { email: 'admin@oficina.test', password: 'e2e-admin-pass' };
/** The e2e server's Pix callback secret (playwright.config.ts): the billing journey plays the PSP. */
export const PIX_WEBHOOK_SECRET = 'e2e-pix-webhook-secret-5b9c2f4e8a1d7c3b';
/** The fake WhatsApp Cloud API the journeys' server sends to (e2e/fake-whatsapp-server.ts). */
export const E2E_WHATSAPP = {
  graphPort: Number(process.env.E2E_WHATSAPP_PORT ?? 3197),
  inspectorPort: Number(process.env.E2E_WHATSAPP_INSPECTOR_PORT ?? 3196),
  accessToken: 'EAAG-e2e-access-token',
  phoneNumberId: '109876543210987',
  appSecret: 'e2e-whatsapp-app-secret-7d2c',
  verifyToken: 'e2e-whatsapp-verify',
};
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export const LABELS = {
  'pt-BR': {
    email: 'E-mail',
    password: 'Senha',
    submit: 'Entrar',
    remember: 'Lembrar de mim',
    menu: 'Menu principal',
  },
  es: {
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Ingresar',
    remember: 'Recordarme',
    menu: 'Menú principal',
  },
  en: {
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    remember: 'Remember me',
    menu: 'Main menu',
  },
} as const;
export type Lang = keyof typeof LABELS;

export async function shot(page: Page, name: string): Promise<void> {
  // let fonts, transitions and skeletons settle so the picture shows the real screen
  await page.waitForLoadState('networkidle');
  // a full-page picture of a scrolled page draws the fixed header and the skip link mid-page
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.addInitScript((l) => window.localStorage.setItem('bancada.locale', l), lang);
}

export async function signIn(
  page: Page,
  email: string,
  password: string,
  lang: Lang = 'pt-BR',
  remember = false,
) {
  const l = LABELS[lang];
  await page.goto('/login');
  await page.getByLabel(l.email, { exact: true }).fill(email);
  await page.getByLabel(l.password, { exact: true }).fill(password);
  if (remember) await page.getByLabel(l.remember).check();
  await page.getByRole('button', { name: l.submit, exact: true }).click();
  await expect(page.getByRole('navigation', { name: l.menu })).toBeVisible();
}

export function nav(page: Page, lang: Lang) {
  return page.getByRole('navigation', { name: LABELS[lang].menu });
}

/** The e2e server's own embedded database (see playwright.config.ts), for data no API creates yet. */
export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  // the same folder as playwright.config.ts's
  const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(import.meta.dirname, '../.tmp/e2e-data');
  const password = readFileSync(path.join(dataDir, 'postgres.password'), 'utf8').trim();
  const port = Number(process.env.E2E_PG_PORT ?? 54399);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'bancada' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
