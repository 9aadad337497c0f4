import { expect, test } from '@playwright/test';
import { ADMIN, setLanguage, signIn } from './support.js';

// issue 10: customer links must not point at localhost; the shop is told before it sends one
test.describe('the shop’s public address', () => {
  test.describe.configure({ mode: 'serial' });

  // later journeys open estimate links on this server: give the address back to PUBLIC_URL
  test.afterAll(async ({ playwright }, testInfo) => {
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    const login = await request.post('/api/auth/login', { data: ADMIN });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const reset = await request.patch('/api/organization', {
      data: { publicUrl: null },
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(reset.ok()).toBe(true);
    await request.dispose();
  });

  test('an administrator is warned, before sending, and fixes it in the settings', async ({
    page,
    request,
  }) => {
    const login = await request.post('/api/auth/login', { data: ADMIN });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { Authorization: `Bearer ${accessToken}` };
    const customer = await (
      await request.post('/api/customers', { data: { name: 'Otávio Endereço' }, headers: auth })
    ).json();
    const repair = await (
      await request.post('/api/repairs', {
        headers: auth,
        data: {
          userId: customer.id,
          appliances: [{ type: 'Geladeira', brand: 'Brastemp', laborValue: 120 }],
          parts: [],
          receivedAt: new Date().toISOString(),
          deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          serviceDescription: 'Não gela',
          status: 'NAO_INICIADO',
        },
      })
    ).json();
    expect(repair.id, JSON.stringify(repair)).toBeTruthy();

    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    const banner = page.getByRole('alert').filter({ hasText: 'Os clientes não conseguem abrir' });
    await expect(banner).toBeVisible();

    await page.goto(`/repairs/${repair.id}`);
    await page.getByRole('tab', { name: /Orçamento/ }).click();
    await page.getByRole('button', { name: 'Enviar orçamento' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText(/o cliente não consegue abrir fora da oficina/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Criar e enviar' })).toBeEnabled();
    await page.keyboard.press('Escape');

    await banner.getByRole('link', { name: 'Configurar endereço público' }).click();
    await expect(page).toHaveURL(/\/organization/);
    await page.getByLabel('Endereço público da oficina').fill('https://oficina.example.com.br');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Os clientes não conseguem abrir' })).toBeHidden();

    await page.goto(`/repairs/${repair.id}`);
    await page.getByRole('tab', { name: /Orçamento/ }).click();
    await page.getByRole('button', { name: 'Enviar orçamento' }).click();
    await expect(page.getByRole('dialog').getByText(/o cliente não consegue abrir/)).toBeHidden();
    await page.getByRole('dialog').getByRole('button', { name: 'Criar e enviar' }).click();
    const linkBox = page.getByRole('textbox', { name: 'Link do orçamento para o cliente' });
    await expect(linkBox).toHaveValue(/^https:\/\/oficina\.example\.com\.br\/estimate\//);
  });
});
