import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ADMIN, shot as screenshot, setLanguage, signIn, withDatabase } from './support.js';

// issue 10, "A new shop's first hour": what a new owner meets in the first hour of use
const CUSTOMER = {
  name: 'Helena Prado Vasconcelos',
  email: 'helena.prado@exemplo.com.br',
  phone: '11945678901',
};
const PHONE = { width: 390, height: 844 };
// the shop's zone (the organization's default) and a car of Helena's, with its own order
const SHOP_ZONE = 'America/Sao_Paulo';
const CAR = { brand: 'Volkswagen', model: 'Gol', year: 2019, plate: 'FHR2A10' };
const BRAKES = { description: 'Regulagem do freio', hours: 2, price: 180 };

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
let repairPath = '';
let carRepairPath = '';
let carDeadline = '';
let estimatePath = '';

/** Elements a description list must not hold (WCAG 1.3.1): anything but dt/dd groups. */
async function strayInDescriptionLists(page: Page): Promise<string[]> {
  return page.locator('dl').evaluateAll((lists) =>
    lists.flatMap((list) => {
      const stray: string[] = [];
      for (const child of Array.from(list.children)) {
        const tag = child.tagName.toLowerCase();
        const inner = tag === 'div' ? Array.from(child.children) : [child];
        for (const item of inner) {
          const name = item.tagName.toLowerCase();
          if (name !== 'dt' && name !== 'dd')
            stray.push(`${name}${item.getAttribute('role') ? `[role=${item.getAttribute('role')}]` : ''}`);
        }
      }
      for (const separator of Array.from(list.querySelectorAll('[role="separator"], hr')))
        stray.push(`${separator.tagName.toLowerCase()}[role=separator]`);
      return stray;
    }),
  );
}

test.describe("a new shop's first hour", () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async ({ playwright }, testInfo) => {
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    const post = await adminApi(request);
    const customer = await post<{ id: string }>('/api/customers', CUSTOMER);
    const repair = await post<{ id: string; number: number }>(
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
    repairPath = `/repairs/${repair.id}`;

    // a car order with a 2-hour service line, its estimate sent (no message: notify false), and a
    // deadline at 02:00 UTC: still the evening before in São Paulo
    const car = await post<{ id: string }>(`/api/customers/${customer.id}/assets`, {
      kind: 'vehicle',
      ...CAR,
      initialReading: 81000,
    });
    const deadline = new Date(Date.now() + 3 * 86_400_000);
    deadline.setUTCHours(2, 0, 0, 0);
    carDeadline = deadline.toISOString();
    const carRepair = await post<{ id: string }>(
      '/api/repairs',
      {
        userId: customer.id,
        status: 'NAO_INICIADO',
        receivedAt: new Date().toISOString(),
        assetId: car.id,
        services: [BRAKES],
        deadline: carDeadline,
        serviceDescription: 'Freio chiando.',
      },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    carRepairPath = `/repairs/${carRepair.id}`;
    const estimate = await post<{ link: string }>(`/api/repairs/${carRepair.id}/estimates`, {
      notify: false,
    });
    estimatePath = new URL(estimate.link, 'http://link.invalid').pathname;
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

  test('a negative or fractional supplier lead time is refused on its field, kept as typed, and nothing is saved', async ({
    page,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/suppliers');
    const posts = countRequests(page, 'POST', '/api/suppliers');
    await page.getByRole('button', { name: 'Novo fornecedor' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Novo fornecedor' });
    await dialog.getByRole('textbox', { name: 'Razão social ou nome' }).fill('Fornecedor do teste de prazo');
    const leadTime = dialog.getByRole('textbox', { name: 'Prazo de entrega' });
    // the box once dropped the minus (−3 became 3) and the decimals (2,5 became 25)
    await leadTime.fill('-3');
    await leadTime.blur();
    await expect(leadTime).toHaveValue('-3');
    await dialog.getByRole('button', { name: 'Cadastrar fornecedor' }).click();
    await expect(leadTime).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Valores negativos não são permitidos')).toBeVisible();
    await expect(leadTime).toHaveValue('-3');

    await leadTime.fill('2,5');
    await dialog.getByRole('button', { name: 'Cadastrar fornecedor' }).click();
    await expect(dialog.getByText('Use um número inteiro')).toBeVisible();
    await expect(leadTime).toHaveValue('2,5');
    // zod's own English never shows
    await expect(dialog.getByText(/expected|Too small|Invalid input/)).toHaveCount(0);
    expect(posts()).toBe(0);
    await shot(page, 'negative-lead-time');
    // nothing is kept for the specs after this one
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await expect(dialog).toBeHidden();
    expect(posts()).toBe(0);
  });

  test('a car order has no appliances block; an appliance order has one', async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(carRepairPath);
    await expect(page.getByRole('region', { name: 'Serviços', exact: true })).toContainText(
      BRAKES.description,
    );
    await expect(page.getByRole('region', { name: 'Aparelhos e mão de obra' })).toHaveCount(0);
    await shot(page, 'car-order');

    await page.goto(repairPath);
    await expect(page.getByRole('region', { name: 'Aparelhos e mão de obra' })).toContainText('Brastemp');
  });

  test('the estimate versions say “2 h” for a service line, not “2 ×”', async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(carRepairPath);
    await page.getByRole('tab', { name: /Orçamento/ }).click();
    const versions = page.getByRole('region', { name: 'Versões' });
    await expect(versions.getByText(`2 h · ${BRAKES.description}`)).toBeVisible();
    await expect(versions.getByText(`2 × ${BRAKES.description}`)).toHaveCount(0);
    await shot(page, 'estimate-versions');
  });

  test('the order page and the public estimate hold only terms and details in their description lists', async ({
    page,
    browser,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(carRepairPath);
    await expect(page.getByRole('region', { name: 'Valores' })).toBeVisible();
    expect(await page.locator('dl').count()).toBeGreaterThan(0);
    expect(await strayInDescriptionLists(page)).toEqual([]);

    // the customer's link: no login
    const customer = await browser.newContext({ locale: 'pt-BR' });
    const phone = await customer.newPage();
    await phone.goto(estimatePath);
    await expect(phone.getByRole('heading', { name: /^Orçamento da OS \d+$/, level: 1 })).toBeVisible();
    expect(await phone.locator('dl').count()).toBeGreaterThan(0);
    expect(await strayInDescriptionLists(phone)).toEqual([]);
    await phone.screenshot({
      path: `${process.cwd()}/e2e/screenshots/first-hour-public-estimate.png`,
      fullPage: true,
    });
    await customer.close();
  });

  test('the audit log names the action, the record and the person in words', async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/audit');
    await page.getByRole('combobox', { name: 'Tipo de registro' }).click();
    await page.getByRole('option', { name: 'Ordem de serviço', exact: true }).click();
    const opened = page.getByRole('row').filter({ hasText: 'Abriu OS' }).first();
    await expect(opened).toContainText('Administrador');
    await expect(opened.getByRole('link', { name: 'Abrir Ordem de serviço' })).toHaveText('Ordem de serviço');
    // no raw code such as repair.created or repair anywhere in the table
    const cells = await page.getByRole('cell').allInnerTexts();
    expect(cells.filter((text) => /^[a-z_]+(\.[a-z_]+)?$/.test(text.trim()))).toEqual([]);
    await shot(page, 'audit');
  });

  test.describe('on a device set to another time zone', () => {
    test.use({ timezoneId: 'Asia/Tokyo' });

    test('the order’s deadline is the shop’s day, on the page and in the edit drawer', async ({ page }) => {
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.goto(carRepairPath);
      // the day in São Paulo, written by this very browser's Intl (the UTC date is the day after)
      const [medium, short, utcShort] = await page.evaluate(
        ([iso, zone]) => {
          const at = new Date(iso as string);
          const numeric = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
          return [
            new Intl.DateTimeFormat('pt-BR', { dateStyle: 'medium', timeZone: zone }).format(at),
            new Intl.DateTimeFormat('pt-BR', { ...numeric, timeZone: zone }).format(at),
            new Intl.DateTimeFormat('pt-BR', { ...numeric, timeZone: 'UTC' }).format(at),
          ];
        },
        [carDeadline, SHOP_ZONE],
      );
      expect(short).not.toBe(utcShort);
      await expect(page.locator(`time[datetime="${carDeadline}"]`)).toHaveText(medium);

      await page.getByRole('button', { name: 'Editar', exact: true }).click();
      const drawer = page.getByRole('dialog', { name: /Editar OS/ });
      await expect(drawer.getByRole('textbox', { name: 'Prazo de entrega' })).toHaveValue(short);
      await shot(page, 'deadline-tokyo');
      await drawer.getByRole('button', { name: 'Cancelar' }).click();
    });
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

  test('a negative or fractional warranty in the edit drawer is refused on its field, kept as typed, and nothing is saved', async ({
    page,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(repairPath);
    const patches = countRequests(page, 'PATCH', `/api${repairPath}`);
    await page.getByRole('button', { name: 'Editar', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: /Editar OS/ });
    // the Brastemp's line: the box once dropped the minus (−30 became 30) and the decimals
    const warranty = drawer.getByRole('textbox', { name: 'Garantia (dias)' });
    await warranty.fill('-30');
    await warranty.blur();
    await expect(warranty).toHaveValue('-30');
    await drawer.getByRole('button', { name: 'Salvar', exact: true }).click();
    await expect(warranty).toHaveAttribute('aria-invalid', 'true');
    await expect(drawer.getByText('Valores negativos não são permitidos')).toBeVisible();
    await expect(warranty).toHaveValue('-30');

    await warranty.fill('30,5');
    await drawer.getByRole('button', { name: 'Salvar', exact: true }).click();
    await expect(drawer.getByText('Use um número inteiro')).toBeVisible();
    await expect(warranty).toHaveValue('30,5');
    await expect(drawer.getByText(/expected|Too small|Invalid input/)).toHaveCount(0);
    expect(patches()).toBe(0);
    // the field and its message in sight, clear of the drawer's sticky buttons
    await warranty.evaluate((box) => box.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${process.cwd()}/e2e/screenshots/first-hour-negative-warranty.png` });
    await drawer.getByRole('button', { name: 'Cancelar' }).click();
    await expect(drawer).toBeHidden();
    expect(patches()).toBe(0);
  });

  test('an estimate valid for −5, 0, 7,5 or 91 days is refused on its field, kept as typed, and nothing is sent', async ({
    page,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(carRepairPath);
    const posts = countRequests(page, 'POST', `/api${carRepairPath}/estimates`);
    await page.getByRole('tab', { name: /Orçamento/ }).click();
    await page.getByRole('button', { name: 'Enviar novo orçamento' }).click();
    const dialog = page.getByRole('dialog', { name: /Orçamento da OS/ });
    const days = dialog.getByRole('textbox', { name: 'Validade (dias)' });
    await expect(days).toHaveValue('10');
    await days.fill('-5');
    await days.blur();
    await expect(days).toHaveValue('-5');
    const send = dialog.getByRole('button', { name: 'Criar e enviar' });
    await send.click();
    await expect(days).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Valores negativos não são permitidos')).toBeVisible();
    await expect(days).toHaveValue('-5');
    for (const [typed, words] of [
      ['0', 'No mínimo 1'],
      ['7,5', 'Use um número inteiro'],
      ['91', 'No máximo 90'],
    ] as const) {
      await days.fill(typed);
      await send.click();
      await expect(dialog.getByText(words, { exact: true })).toBeVisible();
      await expect(days).toHaveValue(typed);
    }
    await expect(dialog.getByText(/expected|Too small|Invalid input/)).toHaveCount(0);
    expect(posts()).toBe(0);
    await page.screenshot({ path: `${process.cwd()}/e2e/screenshots/first-hour-estimate-days.png` });
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await expect(dialog).toBeHidden();
    expect(posts()).toBe(0);
  });

  test('a car’s year is written 2019, and −2019, 1850 or 2019,5 is refused on its field and nothing is saved', async ({
    page,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(carRepairPath);
    await page
      .getByRole('link', { name: new RegExp(`${CAR.brand} ${CAR.model}`) })
      .first()
      .click();
    await expect(page).toHaveURL(/\/assets\/[0-9a-f-]+$/);
    const patches = countRequests(page, 'PATCH', `/api${new URL(page.url()).pathname}`);
    await page.getByRole('button', { name: 'Editar bem' }).click();
    const drawer = page.getByRole('dialog', { name: 'Editar bem' });
    const year = drawer.getByRole('textbox', { name: 'Ano', exact: true });
    // no thousands mark in a year
    await expect(year).toHaveValue(String(CAR.year));
    await year.fill('-2019');
    await year.blur();
    await expect(year).toHaveValue('-2019');
    const save = drawer.getByRole('button', { name: 'Salvar', exact: true });
    await save.click();
    await expect(year).toHaveAttribute('aria-invalid', 'true');
    await expect(drawer.getByText('Valores negativos não são permitidos')).toBeVisible();
    await expect(year).toHaveValue('-2019');
    const nextYear = new Date().getFullYear() + 1;
    for (const [typed, words] of [
      ['1850', `Informe um ano de 1900 a ${nextYear}`],
      [String(nextYear + 1), `Informe um ano de 1900 a ${nextYear}`],
      ['2019,5', 'Use um número inteiro'],
    ] as const) {
      await year.fill(typed);
      await save.click();
      await expect(drawer.getByText(words, { exact: true })).toBeVisible();
      await expect(year).toHaveValue(typed);
    }
    await expect(drawer.getByText(/expected|Too small|Invalid input/)).toHaveCount(0);
    expect(patches()).toBe(0);
    await page.screenshot({ path: `${process.cwd()}/e2e/screenshots/first-hour-asset-year.png` });
    await drawer.getByRole('button', { name: 'Cancelar' }).click();
    await expect(drawer).toBeHidden();
    expect(patches()).toBe(0);
  });

  test('a purchase-order draft saves a cost typed “25,50” with the box still in focus, and refuses a negative or fractional count', async ({
    page,
    request,
  }) => {
    // a draft of its own, taken away again at the end: the inventory journey starts from an empty shop
    const post = await adminApi(request);
    const supplier = await post<{ id: string }>('/api/suppliers', {
      name: 'Distribuidora do teste de custo',
    });
    const component = await post<{ id: string }>('/api/components', {
      code: 'FH-PO-01',
      name: 'Correia do ventilador',
      cost: 20,
    });
    const order = await post<{ id: string; number: number }>('/api/purchase-orders', {
      supplierId: supplier.id,
      lines: [{ componentId: component.id, quantity: 2, unitCost: 20 }],
    });
    try {
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.goto(`/purchase-orders/${order.id}`);
      const path = `/api/purchase-orders/${order.id}`;
      const cost = page.getByRole('textbox', { name: 'Custo unitário' });
      await expect(cost).toHaveValue(/^R\$\s?20/);
      // Mantine keeps "25,50" as the text "25.50" while the box has focus: Enter saves it as 25.5
      const saved = page.waitForRequest((r) => r.method() === 'PATCH' && new URL(r.url()).pathname === path);
      await cost.fill('25,50');
      await cost.press('Enter');
      const body = (await saved).postDataJSON() as { lines: { unitCost: number }[] };
      expect(body.lines[0]?.unitCost).toBe(25.5);
      await expect(page.getByText(`Pedido nº ${order.number} salvo.`)).toBeVisible();
      await expect(cost).not.toHaveAttribute('aria-invalid', 'true');

      const patches = countRequests(page, 'PATCH', path);
      const quantity = page.getByRole('textbox', { name: 'Quantidade (UN)' });
      const save = page.getByRole('button', { name: 'Salvar rascunho' });
      await quantity.fill('-2');
      await quantity.blur();
      await expect(quantity).toHaveValue('-2');
      await save.click();
      await expect(quantity).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('A quantidade deve ser maior que zero')).toBeVisible();
      await quantity.fill('2,5');
      await save.click();
      await expect(page.getByText('Esta unidade aceita apenas quantidades inteiras')).toBeVisible();
      await expect(quantity).toHaveValue('2,5');
      await expect(page.getByText(/expected|Too small|Invalid input/)).toHaveCount(0);
      expect(patches()).toBe(0);
      await shot(page, 'purchase-order-draft');
    } finally {
      await withDatabase(async (db) => {
        await db.query('DELETE FROM purchase_orders WHERE id = $1', [order.id]);
        await db.query('DELETE FROM supplier_components WHERE component_id = $1', [component.id]);
        await db.query('DELETE FROM components WHERE id = $1', [component.id]);
        await db.query('DELETE FROM suppliers WHERE id = $1', [supplier.id]);
      });
    }
  });

  test.describe('the date filters, on a device set to another time zone', () => {
    test.use({ timezoneId: 'Asia/Tokyo' });

    /** Today on the shop's calendar, YYYY-MM-DD. */
    const shopToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: SHOP_ZONE }).format(new Date());

    test('the repair list’s received days are whole days in the shop: today’s orders are listed', async ({
      page,
    }) => {
      await signIn(page, ADMIN.email, ADMIN.password);
      const today = shopToday();
      const listed = page.waitForRequest((r) => {
        const url = new URL(r.url());
        return url.pathname === '/api/repairs' && url.searchParams.has('to');
      });
      await page.goto(`/repairs/list?from=${today}&to=${today}`);
      const query = new URL((await listed).url()).searchParams;
      // São Paulo's midnight and last millisecond, not the bare day (midnight UTC) nor Tokyo's
      expect(query.get('from')).toBe(`${today}T00:00:00.000-03:00`);
      expect(query.get('to')).toBe(`${today}T23:59:59.999-03:00`);
      // both orders were opened today: a bare "to" day (its midnight UTC) left them out
      await expect(page.locator(`a[href="${repairPath}"]`).first()).toBeVisible();
      await expect(page.locator(`a[href="${carRepairPath}"]`).first()).toBeVisible();
      await shot(page, 'repairs-today-tokyo');
    });

    test('the audit log’s days are whole days in the shop, not on the device', async ({ page }) => {
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.goto('/audit');
      const filtered = page.waitForRequest((r) => {
        const url = new URL(r.url());
        return url.pathname === '/api/audit' && url.searchParams.has('from') && url.searchParams.has('to');
      });
      // the 15th of the month the calendar opens on, in both pickers
      const days = page.locator('.mantine-DatePickerInput-day:not([data-outside])');
      for (const label of ['De', 'Até']) {
        await page.getByRole('button', { name: label, exact: true }).click();
        await days.filter({ hasText: /^15$/ }).click();
        // the calendar closes before the next one opens
        await expect(days).toHaveCount(0);
      }
      const query = new URL((await filtered).url()).searchParams;
      const from = query.get('from') ?? '';
      expect(from).toMatch(/^\d{4}-\d{2}-15T00:00:00\.000-03:00$/);
      expect(query.get('to')).toBe(`${from.slice(0, 10)}T23:59:59.999-03:00`);
      await shot(page, 'audit-days-tokyo');
    });
  });

  test('a new order’s negative or two-decimal odometer and hour meter are refused on their fields, kept as typed, and nothing is sent', async ({
    page,
    request,
  }) => {
    // a machine of Helena's, taken away again at the end: the car is the beforeAll's
    const post = await adminApi(request);
    const customerId = await withDatabase(async (db) => {
      const found = await db.query<{ id: string }>('SELECT id FROM customers WHERE name = $1', [
        CUSTOMER.name,
      ]);
      return found.rows[0]?.id ?? '';
    });
    const machine = await post<{ id: string }>(`/api/customers/${customerId}/assets`, {
      kind: 'machine',
      brand: 'Stihl',
      model: 'MS 250',
    });
    try {
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.goto('/repairs/new');
      const posts = countRequests(page, 'POST', '/api/repairs');
      const picker = page.getByRole('combobox', { name: 'Cliente', exact: true });
      await picker.click();
      await picker.fill('Helena');
      await page.getByRole('option', { name: new RegExp(CUSTOMER.name) }).click();
      const asset = page.getByRole('combobox', { name: 'Veículo ou máquina do cliente' });
      const open = page.getByRole('button', { name: 'Abrir OS' });

      // the car's odometer: the box once dropped the minus (−5 became 5) and cut the decimals
      await asset.click();
      await page.getByRole('option', { name: new RegExp(CAR.plate) }).click();
      const odometer = page.getByRole('textbox', { name: 'Odômetro na entrada (km)' });
      await odometer.fill('-5');
      await odometer.blur();
      await expect(odometer).toHaveValue(/^-5\s?km$/);
      await open.click();
      await expect(odometer).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('Valores negativos não são permitidos')).toBeVisible();
      await expect(odometer).toHaveValue(/^-5\s?km$/);
      // numeric(12,1) keeps one decimal: a second is refused, not rounded
      await odometer.fill('81000,25');
      await open.click();
      await expect(page.getByText('Use no máximo 1 casa decimal')).toBeVisible();
      await expect(odometer).toHaveValue(/81\.?000,25/);
      await expect(page.getByText(/expected|Too small|Invalid input/)).toHaveCount(0);
      await odometer.evaluate((box) => box.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${process.cwd()}/e2e/screenshots/first-hour-negative-odometer.png` });

      // the machine's hour meter, the same way
      await asset.click();
      await page.getByRole('option', { name: /Stihl/ }).click();
      const hourMeter = page.getByRole('textbox', { name: 'Horímetro na entrada (h)' });
      await expect(odometer).toBeHidden();
      await hourMeter.fill('-1');
      await hourMeter.blur();
      await expect(hourMeter).toHaveValue(/^-1\s?h$/);
      await open.click();
      await expect(hourMeter).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('Valores negativos não são permitidos')).toBeVisible();
      await expect(hourMeter).toHaveValue(/^-1\s?h$/);
      await hourMeter.fill('1234,56');
      await open.click();
      await expect(page.getByText('Use no máximo 1 casa decimal')).toBeVisible();
      await expect(hourMeter).toHaveValue(/1\.?234,56/);
      await expect(page.getByText(/expected|Too small|Invalid input/)).toHaveCount(0);
      expect(posts()).toBe(0);
      await hourMeter.evaluate((box) => box.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: `${process.cwd()}/e2e/screenshots/first-hour-negative-hour-meter.png` });
    } finally {
      await withDatabase(async (db) => {
        await db.query('DELETE FROM assets WHERE id = $1', [machine.id]);
      });
    }
  });

  test('a catalog service’s negative or fractional warranty is refused on its field, kept as typed, and nothing is saved', async ({
    page,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/service-catalog');
    const posts = countRequests(page, 'POST', '/api/service-catalog');
    await page.getByRole('button', { name: 'Novo serviço' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Novo serviço' });
    await dialog.getByRole('textbox', { name: 'Código', exact: true }).fill('FH-GAR-01');
    await dialog.getByRole('textbox', { name: 'Nome', exact: true }).fill('Serviço do teste de garantia');
    const warranty = dialog.getByRole('textbox', { name: 'Garantia (dias)' });
    // the box once cut the decimals, and zod said a negative in English
    await warranty.fill('-30');
    await warranty.blur();
    await expect(warranty).toHaveValue('-30');
    const create = dialog.getByRole('button', { name: 'Cadastrar serviço' });
    await create.click();
    await expect(warranty).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Valores negativos não são permitidos')).toBeVisible();
    await expect(warranty).toHaveValue('-30');
    for (const [typed, words] of [
      ['30,5', 'Use um número inteiro'],
      ['3651', 'No máximo 3.650'],
    ] as const) {
      await warranty.fill(typed);
      await create.click();
      await expect(dialog.getByText(words, { exact: true })).toBeVisible();
      await expect(warranty).toHaveValue(typed === '3651' ? /^3\.?651$/ : typed);
    }
    // the time and the price: empty says so in words, a negative in the schema's translated words
    const hours = dialog.getByRole('textbox', { name: 'Tempo padrão (horas)' });
    await hours.fill('');
    const price = dialog.getByRole('textbox', { name: 'Preço', exact: true });
    await price.fill('-50');
    await create.click();
    await expect(hours).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Campo obrigatório', { exact: true })).toBeVisible();
    await expect(price).toHaveAttribute('aria-invalid', 'true');
    await expect(price).toHaveValue(/^-R\$\s?50/);
    await expect(dialog.getByText(/expected|Too small|Invalid input/)).toHaveCount(0);
    expect(posts()).toBe(0);
    await page.screenshot({ path: `${process.cwd()}/e2e/screenshots/first-hour-catalog-warranty.png` });
    // nothing is kept for the specs after this one
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await expect(dialog).toBeHidden();
    expect(posts()).toBe(0);
  });
});
