import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ADMIN, shot as screenshot, setLanguage, signIn } from './support.js';

// issue 10, "A new shop's first hour": what a new owner meets in the first hour of use
const CUSTOMER = {
  name: 'Helena Prado Vasconcelos',
  email: 'helena.prado@exemplo.com.br',
  phone: '11945678901',
};
const PHONE = { width: 390, height: 844 };

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `first-hour-${name}`);
}

async function adminApi(request: APIRequestContext) {
  const login = await request.post('/api/auth/login', { data: ADMIN });
  expect(login.ok()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async <T>(path: string, data: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const response = await request.post(path, {
      data,
      headers: { Authorization: `Bearer ${accessToken}`, ...headers },
    });
    expect(response.ok(), `POST ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
}

/** Counts the requests of this method to this API path, to prove nothing was sent. */
function countRequests(page: Page, method: string, path: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === method && new URL(request.url()).pathname === path) count += 1;
  });
  return () => count;
}

let repairNumber = 0;

test.describe("a new shop's first hour", () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async ({ playwright }, testInfo) => {
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    const post = await adminApi(request);
    const customer = await post<{ id: string }>('/api/customers', CUSTOMER);
    const repair = await post<{ number: number }>(
      '/api/repairs',
      {
        userId: customer.id,
        status: 'NAO_INICIADO',
        receivedAt: new Date().toISOString(),
        appliances: [{ type: 'Geladeira', brand: 'Brastemp', model: 'BRM44', laborValue: 1038 }],
        serviceDescription: 'Não gela.',
      },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    repairNumber = repair.number;
    // a message in the outbox: the reset link e-mail
    const reset = await request.post('/api/auth/password-reset', { data: { email: ADMIN.email } });
    expect(reset.status()).toBe(202);
    await request.dispose();
  });

  test('an empty order says which customer is missing, in words, with the list closed', async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/repairs/new');
    await page.getByRole('button', { name: 'Abrir OS' }).click();
    const customer = page.getByRole('combobox', { name: 'Cliente', exact: true });
    await expect(page.getByText('Escolha o cliente', { exact: true })).toBeVisible();
    await expect(page.getByText('Identificador inválido')).toHaveCount(0);
    await expect(customer).toHaveAttribute('aria-invalid', 'true');
    // the picker stays closed: the message is not hidden under the list of customers
    await page.waitForTimeout(400);
    await expect(page.getByRole('listbox')).toBeHidden();
    await shot(page, 'empty-order');
  });

  test('a negative price and discount are refused on their fields, kept as typed, and nothing is sent', async ({
    page,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/repairs/new');
    const posts = countRequests(page, 'POST', '/api/repairs');
    const picker = page.getByRole('combobox', { name: 'Cliente', exact: true });
    await picker.click();
    await picker.fill('Helena');
    await page.getByRole('option', { name: new RegExp(CUSTOMER.name) }).click();

    await page.getByRole('button', { name: 'Serviço avulso' }).click();
    await page.getByRole('textbox', { name: 'Descrição do serviço' }).fill('Regulagem da porta');
    const price = page.getByRole('textbox', { name: 'Preço', exact: true });
    await price.fill('-50');
    const discount = page.getByRole('textbox', { name: 'Desconto' });
    await discount.fill('-10');
    await discount.blur();
    // the boxes still show what was typed: no minus dropped, no clamping to zero
    await expect(price).toHaveValue(/^-R\$\s?50/);
    await expect(discount).toHaveValue(/^-R\$\s?10/);

    await page.getByRole('button', { name: 'Abrir OS' }).click();
    await expect(price).toHaveAttribute('aria-invalid', 'true');
    await expect(discount).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Valores negativos não são permitidos')).toHaveCount(2);
    await expect(price).toHaveValue(/^-R\$\s?50/);
    await expect(discount).toHaveValue(/^-R\$\s?10/);
    // the preview adds nothing that was refused (a −10 discount once made the total R$ 10,00)
    await expect(page.getByTestId('total-preview')).toHaveText(/R\$\s?0,00/);

    // a third decimal is refused too, not cut
    await price.fill('50,129');
    await page.getByRole('button', { name: 'Abrir OS' }).click();
    await expect(page.getByText('Use no máximo 2 casas decimais')).toBeVisible();
    await expect(price).toHaveValue(/50,129/);
    expect(posts()).toBe(0);
    await shot(page, 'negative-order');
  });

  test('a negative component price is refused on its field and nothing is saved', async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/inventory');
    const posts = countRequests(page, 'POST', '/api/components');
    await page.getByRole('button', { name: 'Novo componente' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Código', exact: true }).fill('FH-NEG-01');
    await dialog.getByRole('textbox', { name: 'Nome', exact: true }).fill('Vedação de porta');
    const price = dialog.getByRole('textbox', { name: 'Preço de venda' });
    await price.fill('-30');
    await price.blur();
    await expect(price).toHaveValue(/^-R\$\s?30/);
    await dialog.getByRole('button', { name: 'Cadastrar componente' }).click();
    await expect(price).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Valores negativos não são permitidos')).toBeVisible();
    await expect(price).toHaveValue(/^-R\$\s?30/);
    expect(posts()).toBe(0);
    await shot(page, 'negative-component');
  });

  test('Spanish writes money with the real’s sign and grouped thousands on the board', async ({ page }) => {
    await setLanguage(page, 'es');
    await signIn(page, ADMIN.email, ADMIN.password, 'es');
    await page.goto('/repairs');
    const card = page.locator(`[data-testid="repair-card"][data-repair-number="${repairNumber}"]`);
    await expect(card).toBeVisible();
    const text = (await card.innerText()).replace(/\s/g, ' ');
    expect(text).toContain('1.038,00 R$');
    expect(text).not.toContain('BRL');
    await shot(page, 'board-es');
  });

  test('on a phone the outbox is a list of cards with whole badges, and a toast leaves the top bar free', async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/outbox');
    const cards = page.getByTestId('outbox-cards');
    await expect(cards).toBeVisible();
    await expect(page.getByRole('table')).toBeHidden();
    const first = cards.getByRole('button').first();
    await expect(first.getByText('E-mail', { exact: true })).toBeVisible();
    // no badge label is cut with an ellipsis
    const cut = await page
      .locator('.mantine-Badge-label')
      .evaluateAll(
        (labels) =>
          labels.filter((l) => l.getBoundingClientRect().width > 0 && l.scrollWidth > l.clientWidth + 1)
            .length,
      );
    expect(cut).toBe(0);
    await shot(page, 'outbox-phone');

    // a toast: it shows at the bottom, clear of the header, and goes away by itself
    // (saving unchanged settings: a toast that leaves no data behind for the specs after this one)
    await page.goto('/organization');
    await page.getByRole('button', { name: 'Salvar' }).click();
    const toast = page.locator('.mantine-Notification-root').first();
    await expect(toast).toBeVisible();
    const header = await page.locator('header').first().boundingBox();
    const box = await toast.boundingBox();
    expect(header && box).toBeTruthy();
    if (header && box) expect(box.y).toBeGreaterThan(header.y + header.height + 100);
    await page.screenshot({ path: `${process.cwd()}/e2e/screenshots/first-hour-toast-phone.png` });
    // a toast under the pointer waits for it to leave (Mantine pauses the timer on hover)
    await page.mouse.move(5, 300);
    await expect(toast).toBeHidden({ timeout: 8_000 });
  });
});
