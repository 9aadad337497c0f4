import { expect, test } from '@playwright/test';
import { ADMIN, LABELS, type Lang, nav, setLanguage, shot, signIn } from './support.js';

const TECH = { name: 'Carlos Técnico', email: 'carlos.tecnico@oficina.test', password: 'carlos-pass-123' };

test.describe('foundation journeys', () => {
  test('the login page in each language', async ({ page }) => {
    for (const lang of ['pt-BR', 'es', 'en'] as Lang[]) {
      await page.goto('/login');
      await page.evaluate((l) => window.localStorage.setItem('bancada.locale', l), lang);
      await page.reload();
      const l = LABELS[lang];
      await expect(page.getByRole('button', { name: l.submit, exact: true })).toBeVisible();
      await expect(page.getByLabel(l.remember)).toBeVisible();
      await shot(page, `login-${lang}`);
    }
  });

  test('wrong password shows the server’s message', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await page.goto('/login');
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Senha', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Entrar', exact: true }).click();
    await expect(page.getByText('E-mail ou senha incorretos')).toBeVisible();
  });

  test('admin creates a technician; the technician sees the technician’s navigation and switches language', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR', true);
    const adminNav = nav(page, 'pt-BR');
    for (const item of [
      'Início',
      'Usuários',
      'Organização',
      'Permissões',
      'Auditoria',
      'Caixa de saída',
      'Minha conta',
    ]) {
      await expect(adminNav.getByRole('link', { name: item })).toBeVisible();
    }
    await shot(page, 'layout-admin-pt-BR');

    await adminNav.getByRole('link', { name: 'Usuários' }).click();
    await expect(page.getByRole('heading', { name: 'Usuários' })).toBeVisible();
    await page.getByRole('button', { name: 'Novo usuário' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Nome', exact: true }).fill(TECH.name);
    await dialog.getByRole('textbox', { name: 'E-mail', exact: true }).fill(TECH.email);
    await dialog.getByLabel('Senha inicial', { exact: false }).fill(TECH.password);
    await dialog.getByRole('combobox', { name: 'Perfil' }).click();
    await page.getByRole('option', { name: 'Técnico' }).click();
    await dialog.getByRole('button', { name: 'Cadastrar usuário' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('table').getByText(TECH.email)).toBeVisible();
    await shot(page, 'users-pt-BR');

    // log out through the user menu
    await page.getByRole('button', { name: /Menu do usuário/ }).click();
    await page.getByRole('menuitem', { name: 'Sair' }).click();
    await expect(page.getByRole('button', { name: 'Entrar', exact: true })).toBeVisible();

    await signIn(page, TECH.email, TECH.password, 'pt-BR');
    const techNav = nav(page, 'pt-BR');
    await expect(techNav.getByRole('link', { name: 'Início' })).toBeVisible();
    await expect(techNav.getByRole('link', { name: 'Minha conta' })).toBeVisible();
    await expect(techNav.getByRole('link', { name: 'Usuários' })).toHaveCount(0);
    await expect(techNav.getByRole('link', { name: 'Auditoria' })).toHaveCount(0);
    await shot(page, 'layout-technician-pt-BR');

    // an admin-only page by its address: no access
    await page.goto('/users');
    await expect(page.getByRole('heading', { name: 'Usuários' })).toHaveCount(0);

    await page.goto('/');
    await page.getByRole('button', { name: 'Idioma' }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await expect(nav(page, 'es').getByRole('link', { name: 'Inicio' })).toBeVisible();
    await expect(nav(page, 'es').getByRole('link', { name: 'Mi cuenta' })).toBeVisible();
    await shot(page, 'layout-technician-es');

    await page.getByRole('button', { name: 'Idioma' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect(nav(page, 'en').getByRole('link', { name: 'My account' })).toBeVisible();
    await shot(page, 'layout-technician-en');
  });

  for (const lang of ['pt-BR', 'es', 'en'] as Lang[]) {
    test(`the layout and users page in ${lang}`, async ({ page }) => {
      await setLanguage(page, lang);
      await signIn(page, ADMIN.email, ADMIN.password, lang);
      await shot(page, `layout-${lang}`);
      const usersLabel = { 'pt-BR': 'Usuários', es: 'Usuarios', en: 'Users' }[lang];
      await nav(page, lang).getByRole('link', { name: usersLabel }).click();
      await expect(page.getByRole('heading', { name: usersLabel })).toBeVisible();
      await expect(page.getByRole('table')).toBeVisible();
      await shot(page, `users-${lang}`);
    });
  }

  test('works at phone width', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await setLanguage(page, 'pt-BR');
    await page.goto('/login');
    await shot(page, 'phone-login-pt-BR');
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Senha', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Entrar', exact: true }).click();
    await page.getByRole('button', { name: 'Abrir menu' }).click();
    await expect(nav(page, 'pt-BR').getByRole('link', { name: 'Usuários' })).toBeVisible();
    await shot(page, 'phone-menu-pt-BR');
    await nav(page, 'pt-BR').getByRole('link', { name: 'Usuários' }).click();
    await expect(page.getByRole('heading', { name: 'Usuários' })).toBeVisible();
    await shot(page, 'phone-users-pt-BR');
  });
});

test('the web app is sent compressed, hashed files are cached for good, and no source map is published', async ({
  request,
}) => {
  const page = await request.get('/');
  expect(page.headers()['cache-control']).toBe('no-cache');
  const html = await page.text();
  const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  expect(script).toBeTruthy();
  for (const encoding of ['br', 'gzip']) {
    const asset = await request.get(script!, { headers: { 'accept-encoding': encoding } });
    expect(asset.status()).toBe(200);
    expect(asset.headers()['content-encoding']).toBe(encoding);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
  const map = await request.get(`${script}.map`);
  expect(map.status()).toBe(404);
});
