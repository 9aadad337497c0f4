import { expect, type Page, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { ADMIN, LABELS, type Lang, nav, shot as screenshot, setLanguage, signIn } from './support.js';

/** The names the journey looks for, per language (locales/<lang>: translation.json "account", public.json "auth.twoFactor"). */
const UI = {
  'pt-BR': {
    turnOn: 'Ativar',
    code: 'Código de verificação',
    confirm: 'Confirmar e ativar',
    codes: 'Códigos de recuperação do Bancada',
    done: 'Concluir',
    verify: 'Verificar',
    on: 'Ativada',
  },
  es: {
    turnOn: 'Activar',
    code: 'Código de verificación',
    confirm: 'Confirmar y activar',
    codes: 'Códigos de recuperación de Bancada',
    done: 'Listo',
    verify: 'Verificar',
    on: 'Activada',
  },
  en: {
    turnOn: 'Turn on',
    code: 'Verification code',
    confirm: 'Confirm and turn on',
    codes: 'Bancada recovery codes',
    done: 'Done',
    verify: 'Verify',
    on: 'On',
  },
} as const;

const PERIOD_MS = 30_000;

/** The code the authenticator app would show at `time`, made from the key read on the page. */
function codeAt(secret: string, time = Date.now()): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: time });
}

/** A code accepted once per 30-second step: wait for a step after `usedAt`'s before making the next one. */
async function nextCode(secret: string, usedAt: number): Promise<string> {
  const usedStep = Math.floor(usedAt / PERIOD_MS);
  const wait = (usedStep + 1) * PERIOD_MS - Date.now() + 500;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return codeAt(secret);
}

async function createStaff(page: Page, lang: Lang): Promise<{ email: string; password: string }> {
  const login = await page.request.post('/api/auth/login', { data: ADMIN });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const email = `dois-fatores-${lang.toLowerCase()}-${Date.now()}@oficina.test`;
  const password = 'two-factor-pass-1';
  const created = await page.request.post('/api/users', {
    headers: { authorization: `Bearer ${accessToken}` },
    data: { name: `Técnica ${lang}`, email, password, role: 'TECHNICIAN', locale: lang },
  });
  expect(created.status()).toBe(201);
  return { email, password };
}

/** From the account page: turn the second factor on, screenshots of the QR step and the recovery codes. */
async function enrol(page: Page, lang: Lang): Promise<{ secret: string; confirmedAt: number }> {
  const ui = UI[lang];
  await page.goto('/account');
  const section = page.locator('section[aria-labelledby="account-two-factor"]');
  await section.getByRole('button', { name: ui.turnOn, exact: true }).click();
  const key = section.getByTestId('totp-secret');
  await expect(key).toBeVisible();
  await expect(section.getByRole('img')).toBeVisible();
  const secret = (await key.getAttribute('data-secret')) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, `two-factor-enrolment-${lang}`);

  const confirmedAt = Date.now();
  const field = section.getByLabel(ui.code);
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(field).toHaveAttribute('inputmode', 'numeric');
  await field.fill(codeAt(secret, confirmedAt));
  await section.getByRole('button', { name: ui.confirm }).click();
  const codes = section.getByRole('list', { name: ui.codes });
  await expect(codes.getByRole('listitem')).toHaveCount(10);
  await screenshot(page, `two-factor-recovery-codes-${lang}`);
  await section.getByRole('button', { name: ui.done }).click();
  await expect(section.getByText(ui.on, { exact: true })).toBeVisible();
  return { secret, confirmedAt };
}

for (const lang of ['pt-BR', 'es', 'en'] as const) {
  test(`two-step verification: enrol on the account page (${lang})`, async ({ page }) => {
    // two full-page screenshots on a shared machine
    test.setTimeout(120_000);
    await setLanguage(page, lang);
    const user = await createStaff(page, lang);
    await signIn(page, user.email, user.password, lang);
    await enrol(page, lang);
  });
}

test('two-step verification: enrol, sign out, sign in with the code', async ({ page }) => {
  test.setTimeout(180_000);
  const lang: Lang = 'pt-BR';
  await setLanguage(page, lang);
  const user = await createStaff(page, lang);
  await signIn(page, user.email, user.password, lang);
  const { secret, confirmedAt } = await enrol(page, lang);

  // signed out: the tokens are gone from this browser
  await page.evaluate(() => {
    window.localStorage.removeItem('bancada.refreshToken');
    window.sessionStorage.clear();
  });
  await page.goto('/login');
  const l = LABELS[lang];
  await page.getByLabel(l.email, { exact: true }).fill(user.email);
  await page.getByLabel(l.password, { exact: true }).fill(user.password);
  await page.getByRole('button', { name: l.submit, exact: true }).click();

  // the password alone does not sign in: the code is asked for
  const field = page.getByLabel(UI[lang].code);
  await expect(field).toBeVisible();
  await expect(nav(page, lang)).toHaveCount(0);
  await screenshot(page, 'two-factor-sign-in-pt-BR');
  await field.fill(await nextCode(secret, confirmedAt));
  await page.getByRole('button', { name: UI[lang].verify, exact: true }).click();
  await expect(nav(page, lang)).toBeVisible();
});

test('two-step verification: new recovery codes for a current code replace the old ones', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const lang: Lang = 'pt-BR';
  await setLanguage(page, lang);
  const user = await createStaff(page, lang);
  await signIn(page, user.email, user.password, lang);
  const { secret, confirmedAt } = await enrol(page, lang);
  const section = page.locator('section[aria-labelledby="account-two-factor"]');
  const regenerate = { name: 'Gerar novos códigos de recuperação' };
  const button = section.getByRole('button', regenerate);
  // the form of that button (the one turning it off has a code field too)
  const form = section.locator('form').filter({ has: page.getByRole('button', regenerate) });
  await form.getByLabel(UI[lang].code).fill(await nextCode(secret, confirmedAt));
  await button.click();
  const codes = section.getByRole('list', { name: UI[lang].codes });
  await expect(codes.getByRole('listitem')).toHaveCount(10);
  await expect(
    page.getByText('Novos códigos de recuperação gerados; os antigos não valem mais.'),
  ).toBeVisible();
  await screenshot(page, 'two-factor-new-recovery-codes-pt-BR');
  await section.getByRole('button', { name: UI[lang].done }).click();
  await expect(section.getByText('Códigos de recuperação restantes: 10')).toBeVisible();
});
