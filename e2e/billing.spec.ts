import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, devices, expect, type Page, test } from '@playwright/test';
import {
  ADMIN,
  type Lang,
  nav,
  PIX_WEBHOOK_SECRET,
  SCREENSHOTS,
  shot as screenshot,
  setLanguage,
  signIn,
} from './support.js';

// this spec's own data: the e2e database is shared with the specs that ran before it
const RUN = Date.now().toString(36).toUpperCase();
const CUSTOMER = {
  name: 'Juliana Prates Moreira',
  email: `juliana.${RUN.toLowerCase()}@exemplo.com.br`,
  phone: '11956781234',
};
const COMPRESSOR = { code: `FAT-CMP-${RUN}`, name: 'Compressor Embraco EMI 1/6', price: 389.9, stock: 5 };
const GASKET = { code: `FAT-GAX-${RUN}`, name: 'Borracha da porta 1,50 m', price: 64.5, stock: 10 };
// labor 150 + compressor 389.90 = 539.90; a deposit of 50 leaves 489.90; cash 300 leaves 189.90 for Pix
const ORDER_TOTAL = 'R$ 539,90';

/** The names the journey looks for in the other languages. */
const UI = {
  es: {
    invoice: 'Factura n.º ',
    receive: 'Cobrar',
    cash: 'Efectivo',
    tendered: 'Efectivo entregado por el cliente',
    dialog: 'Cobrar — factura n.º ',
  },
  en: {
    invoice: 'Invoice #',
    receive: 'Receive payment',
    cash: 'Cash',
    tendered: 'Cash handed over',
    dialog: 'Receive payment — invoice #',
  },
} as const;

async function shot(page: Page, name: string) {
  // the toasts would cover the page's corner in the picture
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) {
    await close.click().catch(() => undefined);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `billing-${name}`);
}

type Api = {
  post: <T>(path: string, data: unknown, headers?: Record<string, string>) => Promise<T>;
  put: <T>(path: string, data: unknown) => Promise<T>;
  get: <T>(path: string) => Promise<T>;
};

/** The admin's API, for the setup this journey is not about. */
async function adminApi(request: APIRequestContext): Promise<Api> {
  const login = await request.post('/api/auth/login', { data: ADMIN });
  expect(login.ok()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { Authorization: `Bearer ${accessToken}` };
  const check = async <T>(
    method: string,
    path: string,
    response: Awaited<ReturnType<typeof request.get>>,
  ) => {
    expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
  return {
    post: async (path, data, headers = {}) =>
      check('POST', path, await request.post(path, { data, headers: { ...auth, ...headers } })),
    put: async (path, data) => check('PUT', path, await request.put(path, { data, headers: auth })),
    get: async (path) => check('GET', path, await request.get(path, { headers: auth })),
  };
}

async function withApi<T>(
  playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } },
  baseURL: string | undefined,
  work: (api: Api, request: APIRequestContext) => Promise<T>,
): Promise<T> {
  const request = await playwright.request.newContext({ baseURL });
  try {
    return await work(await adminApi(request), request);
  } finally {
    await request.dispose();
  }
}

/** A calendar day relative to today, YYYY-MM-DD (São Paulo). */
function day(offset: number): string {
  const date = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(date);
}

/** A Pix end-to-end id as the Central Bank shapes it: E + ISPB + yyyyMMddHHmm + 11 characters. */
function endToEndId(): string {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 12);
  const tail = `${RUN}ABCDEFGHIJK`.replace(/[^A-Z0-9]/g, '').slice(0, 11);
  return `E18236120${stamp}${tail}`.slice(0, 32);
}

// set by the journey, visited again by the later tests
let repairId = '';
let repairNumber = 0;
let customerId = '';
let invoicePath = '';
let invoiceNumber = 0;
let payPath = '';
let saleNumber = 0;

test.describe('billing: from a finished order to a Pix paid on the customer’s phone', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async ({ playwright }, testInfo) => {
    await withApi(playwright, testInfo.project.use.baseURL, async (api) => {
      const customer = await api.post<{ id: string }>('/api/customers', CUSTOMER);
      customerId = customer.id;
      const compressor = await api.post<{ id: string }>('/api/components', {
        ...COMPRESSOR,
        category: 'Refrigeração',
        minStock: 1,
      });
      await api.post('/api/components', { ...GASKET, category: 'Refrigeração', minStock: 1 });
      const repair = await api.post<{ id: string; number: number }>(
        '/api/repairs',
        {
          userId: customer.id,
          status: 'NAO_INICIADO',
          receivedAt: new Date().toISOString(),
          appliances: [{ type: 'Geladeira', brand: 'Consul', model: 'CRM39', laborValue: 150 }],
          parts: [{ componentId: compressor.id, quantity: 1 }],
          serviceDescription: 'Não gela; compressor não parte.',
        },
        { 'Idempotency-Key': crypto.randomUUID() },
      );
      repairId = repair.id;
      repairNumber = repair.number;
      await api.post(`/api/repairs/${repair.id}/status`, { status: 'EM_ANDAMENTO' });
      await api.post(`/api/repairs/${repair.id}/status`, { status: 'EM_REVISAO' });
      await api.put(`/api/repairs/${repair.id}/checklist`, {
        items: ['work_done', 'parts_as_planned', 'tested', 'asset_clean'].map((key) => ({ key, done: true })),
      });
    });
  });

  test('the shop sets its Pix key: checked by its type, saved normalized', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/organization');
    const section = page.getByRole('region', { name: 'Cobrança e Pix' });
    await expect(section).toBeVisible();
    await section.getByRole('combobox', { name: 'Tipo da chave Pix', exact: true }).click();
    await page.getByRole('option', { name: 'CPF', exact: true }).click();
    const key = section.getByRole('textbox', { name: 'Chave Pix' });
    await key.fill('123.456.789-00');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect(section.getByText('CPF inválido: confira os 11 dígitos.')).toBeVisible();

    await section.getByRole('combobox', { name: 'Tipo da chave Pix', exact: true }).click();
    await page.getByRole('option', { name: 'Celular', exact: true }).click();
    await key.fill('(11) 98765-4321');
    await expect(section.getByText('Será salva como +5511987654321')).toBeVisible();
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Dados da organização salvos.' })).toBeVisible();
    await expect(key).toHaveValue('+5511987654321');
    await shot(page, 'settings-pt-BR');
  });

  test('the cash register opens with a float', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await nav(page, 'pt-BR').getByRole('link', { name: 'Caixa', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Caixa', level: 1 })).toBeVisible();
    const register = page.getByRole('region', { name: 'Caixa fechado' });
    await register.getByRole('textbox', { name: 'Fundo de troco' }).fill('100');
    await register.getByRole('button', { name: 'Abrir caixa' }).click();
    await expect(page.getByTestId('cash-expected')).toHaveText('R$ 100,00');
  });

  test('a deposit on the open order, then finishing it issues the invoice shown on the order page', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(`/repairs/${repairId}`);
    await expect(page.getByRole('heading', { name: `OS ${repairNumber}`, level: 1 })).toBeVisible();
    const payment = page.getByRole('region', { name: 'Pagamento', exact: true });
    await payment.getByRole('button', { name: 'Receber sinal' }).click();
    const dialog = page.getByRole('dialog', { name: `Sinal da OS nº ${repairNumber}` });
    await expect(dialog.getByTestId('payment-balance')).toHaveText(ORDER_TOTAL);
    await dialog.getByRole('button', { name: 'Pix', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Valor', exact: true }).fill('50');
    await dialog.getByRole('button', { name: 'Receber R$ 50,00' }).click();
    await expect(dialog).toBeHidden();
    await expect(payment).toContainText('R$ 50,00');

    await page.getByRole('button', { name: 'Finalizado', exact: true }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: `OS ${repairNumber}: Finalizado.` }),
    ).toBeVisible();
    const card = page.getByRole('region', { name: 'Fatura', exact: true });
    await expect(card).toBeVisible();
    await expect(card).toContainText(ORDER_TOTAL);
    await expect(card).toContainText('R$ 489,90');
    await shot(page, 'order-invoice-pt-BR');
    const link = card.getByRole('link', { name: /^Fatura nº \d+$/ });
    invoiceNumber = Number((await link.textContent())?.replace(/\D/g, ''));
    await card.getByRole('link', { name: 'Abrir fatura' }).click();
    await expect(page.getByRole('heading', { name: `Fatura nº ${invoiceNumber}`, level: 1 })).toBeVisible();
    invoicePath = new URL(page.url()).pathname;
  });

  test('a partial cash payment: the change shows live; more than the balance is refused in the dialog', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(invoicePath);
    const heading = page.getByRole('heading', { name: `Fatura nº ${invoiceNumber}`, level: 1 });
    await expect(heading).toBeVisible();
    await expect(page.getByRole('region', { name: 'Itens' })).toContainText(COMPRESSOR.name);
    await expect(page.getByRole('region', { name: 'Pagamentos' })).toContainText('Sinal');
    await shot(page, 'invoice-pt-BR');

    await page.getByRole('button', { name: 'Receber pagamento' }).click();
    const dialog = page.getByRole('dialog', { name: `Receber — fatura nº ${invoiceNumber}` });
    const amount = dialog.getByRole('textbox', { name: 'Valor', exact: true });
    await expect(amount).toHaveValue('R$ 489,90');

    // the server's 422 (seed 004 body) in the dialog
    await dialog.getByRole('button', { name: 'Transferência', exact: true }).click();
    await amount.fill('600');
    await dialog.getByRole('button', { name: 'Receber R$ 600,00' }).click();
    await expect(dialog.getByRole('alert')).toContainText('passa do saldo da fatura');
    await expect(dialog.getByRole('alert')).toContainText('R$ 489,90');

    await dialog.getByRole('button', { name: 'Dinheiro', exact: true }).click();
    await expect(dialog.getByRole('button', { name: 'Dinheiro', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await amount.fill('300');
    await dialog.getByRole('textbox', { name: 'Valor entregue pelo cliente' }).fill('350');
    await expect(dialog.getByTestId('payment-change')).toHaveText('R$ 50,00');
    await shot(page, 'payment-dialog-pt-BR');
    await dialog.getByRole('button', { name: 'Receber R$ 300,00' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Pagamento de R$ 300,00 recebido. Troco: R$ 50,00.' }),
    ).toBeVisible();
    const summary = page.getByRole('region', { name: 'Resumo' });
    await expect(summary).toContainText('R$ 189,90');
    await expect(page.getByText('Paga em parte').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Pagamentos' })).toContainText(
      'Entregue R$ 350,00, troco R$ 50,00',
    );
  });

  test('the customer’s link: the phone shows the Pix, the PSP’s callback pays it, the page turns PAID', async ({
    page,
    browser,
    playwright,
  }, testInfo) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(invoicePath);
    // the counter's screen, turned to the customer
    await page.getByRole('button', { name: 'Pix', exact: true }).click();
    const counterPix = page.getByRole('dialog', { name: `Pix — fatura nº ${invoiceNumber}` });
    await expect(counterPix.getByRole('img', { name: 'QR Code Pix de R$ 189,90' })).toBeVisible();
    await expect(counterPix.getByRole('textbox', { name: 'Pix copia e cola' })).toHaveValue(/^000201/);
    await shot(page, 'pix-counter-pt-BR');
    await page.keyboard.press('Escape');
    await expect(counterPix).toBeHidden();
    await page.getByRole('button', { name: 'Enviar link' }).click();
    const dialog = page.getByRole('dialog', { name: `Link da fatura nº ${invoiceNumber}` });
    const linkBox = dialog.getByRole('textbox', { name: 'Link da fatura para o cliente' });
    await expect(linkBox).toHaveValue(/\/pay\/[\w.-]+$/);
    payPath = new URL(await linkBox.inputValue()).pathname;
    const whatsapp = dialog.getByRole('link', { name: 'Enviar por WhatsApp' });
    await expect(whatsapp).toHaveAttribute('href', /^https:\/\/wa\.me\/\?text=.*%2Fpay%2F/);
    await shot(page, 'link-pt-BR');
    await page.keyboard.press('Escape');

    // the customer's phone: no login
    const customer = await browser.newContext({ ...devices['Pixel 7'], locale: 'pt-BR' });
    await customer.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(testInfo.project.use.baseURL ?? '').origin,
    });
    const phone = await customer.newPage();
    await phone.goto(payPath);
    await expect(phone.getByRole('heading', { name: `Fatura nº ${invoiceNumber}`, level: 1 })).toBeVisible();
    await expect(phone.getByText(`Olá, ${CUSTOMER.name}`)).toBeVisible();
    await expect(phone.getByTestId('public-balance')).toHaveText('R$ 189,90');
    const pix = phone.getByRole('region', { name: 'Pague com Pix' });
    const code = pix.getByRole('textbox', { name: 'Pix copia e cola' });
    await expect(code).toHaveValue(/^000201.*6304[0-9A-F]{4}$/);
    await expect(pix.getByRole('img', { name: 'QR Code Pix de R$ 189,90' })).toBeVisible();
    await pix.getByRole('button', { name: 'Copiar código Pix' }).click();
    await expect(pix.getByRole('button', { name: 'Código copiado!' })).toBeVisible();
    expect(await phone.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());
    await shot(phone, 'pay-phone-pt-BR');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // the PSP tells the shop the Pix was paid (the static code's txid reconciles)
    await withApi(playwright, testInfo.project.use.baseURL, async (api, request) => {
      const invoiceId = invoicePath.split('/').at(-1) ?? '';
      const invoice = await api.get<{ pixTxid: string; balance: number }>(`/api/invoices/${invoiceId}`);
      expect(invoice.balance).toBe(189.9);
      const callback = await request.post(`/api/webhooks/pix/${PIX_WEBHOOK_SECRET}/pix`, {
        data: {
          pix: [
            {
              endToEndId: endToEndId(),
              txid: invoice.pixTxid,
              valor: '189.90',
              horario: new Date().toISOString().replace('Z', '+00:00'),
            },
          ],
        },
      });
      expect(callback.ok(), await callback.text()).toBe(true);
      expect(await callback.json()).toMatchObject({ recorded: 1 });
    });

    // polled while open: PAID without touching the phone
    await expect(phone.getByTestId('paid')).toBeVisible({ timeout: 15_000 });
    await expect(phone.getByTestId('paid')).toContainText('PAGO');
    await shot(phone, 'pay-phone-paid-pt-BR');
    await customer.close();

    // back at the counter
    await page.reload();
    await expect(page.getByRole('heading', { name: `Fatura nº ${invoiceNumber}`, level: 1 })).toBeVisible();
    await expect(page.getByText('Paga', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Resumo' })).toContainText('R$ 0,00');
    await expect(page.getByRole('button', { name: 'Receber pagamento' })).toHaveCount(0);
    await shot(page, 'invoice-paid-pt-BR');

    // delivered with nothing owed: no warning
    await page.getByRole('link', { name: `OS nº ${repairNumber}` }).click();
    await expect(page.getByRole('heading', { name: `OS ${repairNumber}`, level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Fatura', exact: true })).toContainText('Paga');
    await page.getByRole('button', { name: 'Entregue', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: `OS ${repairNumber}: Entregue.` })).toBeVisible();
    await expect(page.getByText('Vale conferir')).toHaveCount(0);
    await expect(page.getByText('A mudança não foi feita')).toHaveCount(0);
  });

  test('fiscal documents: the NFS-e without a provider says so; one typed in is recorded', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(invoicePath);
    const fiscal = page.getByRole('region', { name: 'Notas fiscais' });
    await fiscal.getByRole('button', { name: 'Emitir NFS-e' }).click();
    const nfse = page.getByRole('dialog', { name: 'Emitir NFS-e' });
    await nfse.getByRole('textbox', { name: 'Inscrição municipal' }).fill('1234567');
    await nfse.getByRole('textbox', { name: 'Código IBGE do município' }).fill('3550308');
    await nfse.getByRole('textbox', { name: 'Alíquota do ISS' }).fill('5');
    await nfse.getByRole('button', { name: 'Emitir', exact: true }).click();
    await expect(nfse.getByRole('alert')).toContainText('Emissão fiscal não configurada');
    await shot(page, 'nfse-not-configured-pt-BR');
    await nfse.getByRole('button', { name: 'Cancelar' }).click();

    await fiscal.getByRole('button', { name: 'Registrar nota' }).click();
    const record = page.getByRole('dialog', { name: 'Registrar nota fiscal' });
    await record.getByRole('textbox', { name: 'Número' }).fill('2026-000123');
    await record.getByRole('textbox', { name: /Chave de acesso/ }).fill('AB12-CD34-EF56');
    await record.getByRole('button', { name: 'Registrar', exact: true }).click();
    await expect(record).toBeHidden();
    await expect(fiscal).toContainText('NFS-e nº 2026-000123');
    await expect(fiscal).toContainText('Autorizada');
  });

  test('the invoice PDF downloads; its first page is rendered to PNG', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(invoicePath);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PDF' }).click();
    const file = await download;
    const pdf = await file.path();
    expect(readFileSync(pdf).subarray(0, 4).toString('latin1')).toBe('%PDF');
    copyFileSync(pdf, path.join(SCREENSHOTS, 'billing-invoice.pdf'));
    // poppler-utils (CI installs it): the first page as the shop owner would see it
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      path.join(SCREENSHOTS, 'billing-invoice-pdf'),
    ]);
  });

  test('a counter sale: a part from stock and a free line', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await nav(page, 'pt-BR').getByRole('link', { name: 'Faturas', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Faturas', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Nova venda no balcão' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Nova venda no balcão' });
    const customer = dialog.getByRole('combobox', { name: 'Cliente', exact: true });
    await customer.fill('Juliana Prates');
    await page.getByRole('option', { name: new RegExp(CUSTOMER.name) }).click();
    const part = dialog.getByRole('combobox', { name: 'Adicionar peça', exact: true });
    await part.click();
    await part.fill(GASKET.code);
    await page.getByRole('option', { name: new RegExp(GASKET.name) }).click();
    await dialog.getByRole('button', { name: 'Item livre' }).click();
    const free = dialog.getByTestId('sale-line').nth(1);
    await free.getByRole('textbox', { name: 'Descrição' }).fill('Frete da entrega');
    await free.getByRole('textbox', { name: 'Valor unit.' }).fill('25');
    await expect(dialog).toContainText('R$ 89,50');
    await shot(page, 'counter-sale-pt-BR');
    await dialog.getByRole('button', { name: 'Criar fatura' }).click();
    const saleHeading = page.getByRole('heading', { name: /^Fatura nº \d+$/, level: 1 });
    await expect(saleHeading).toBeVisible();
    saleNumber = Number((await saleHeading.textContent())?.replace(/\D/g, ''));
    await expect(page.getByText('Venda no balcão')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Resumo' })).toContainText('R$ 89,50');
  });

  test('the invoice list filters by status and text', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/invoices');
    const table = page.getByRole('table', { name: 'Faturas' });
    await expect(table.getByRole('link', { name: `Fatura nº ${invoiceNumber}`, exact: true })).toBeVisible();
    await page.getByRole('main').getByRole('searchbox', { name: 'Buscar' }).fill('Juliana');
    await expect(page).toHaveURL(/q=Juliana/);
    await page.getByRole('combobox', { name: 'Situação', exact: true }).click();
    await page.getByRole('option', { name: 'Em aberto', exact: true }).click();
    await expect(table.getByRole('link', { name: `Fatura nº ${invoiceNumber}`, exact: true })).toHaveCount(0);
    await expect(table.getByRole('row').filter({ hasText: CUSTOMER.name })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: CUSTOMER.name })).toContainText('R$ 89,50');
    await shot(page, 'invoices-pt-BR');
  });

  test('receivables by age, bills to pay and the weeks ahead', async ({ page, playwright }, testInfo) => {
    await withApi(playwright, testInfo.project.use.baseURL, async (api) => {
      // open invoices a month and two late, and a supplier bill, so the charts have something to draw
      for (const [days, value] of [
        [-45, 320],
        [-12, 180],
        [-95, 90],
      ] as const) {
        await api.post(
          '/api/invoices',
          {
            customerId,
            kind: 'COUNTER',
            dueDate: day(days),
            lines: [{ kind: 'OTHER', description: `Serviço avulso ${days}`, quantity: 1, unitValue: value }],
          },
          { 'Idempotency-Key': crypto.randomUUID() },
        );
      }
      await api.post('/api/payables', {
        description: 'Gás refrigerante R600a',
        amount: 240,
        dueDate: day(9),
      });
      await api.post('/api/payables', { description: 'Aluguel da oficina', amount: 1800, dueDate: day(16) });
    });
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await nav(page, 'pt-BR').getByRole('link', { name: 'Contas a receber', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Contas a receber', level: 1 })).toBeVisible();
    const aging = page.getByRole('region', { name: 'Por tempo de atraso' });
    await expect(aging.getByRole('img', { name: 'Por tempo de atraso' })).toBeVisible();
    await expect(aging).toContainText('31 a 60 dias');
    await expect(page.getByRole('region', { name: /mais antigas primeiro/ })).toContainText('95 dias');
    await shot(page, 'receivables-pt-BR');

    await page.getByRole('tab', { name: 'A pagar' }).click();
    await expect(page.getByText('Gás refrigerante R600a').first()).toBeVisible();
    await shot(page, 'payables-pt-BR');
    await page.getByRole('button', { name: 'Pagar Gás refrigerante R600a' }).first().click();
    const pay = page.getByRole('dialog', { name: 'Pagar conta' });
    await pay.getByRole('button', { name: 'Boleto', exact: true }).click();
    await pay.getByRole('button', { name: 'Marcar como paga' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Conta paga.' })).toBeVisible();
    await page.getByText('Pagas', { exact: true }).click();
    await expect(page.getByText(/^Paga em /).first()).toBeVisible();

    await page.getByRole('tab', { name: 'Fluxo de caixa' }).click();
    await expect(page.getByRole('img', { name: 'A receber e a pagar por semana' })).toBeVisible();
    await shot(page, 'cash-flow-pt-BR');
  });

  test('the cash register: the day’s movements, a withdrawal, and closing with a difference', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/cash');
    // the float and the cash payment (the deposit was a Pix)
    await expect(page.getByTestId('cash-expected')).toHaveText('R$ 400,00');
    const movements = page.getByRole('region', { name: 'Movimentos do dia' });
    await expect(movements).toContainText(`Fatura nº ${invoiceNumber}`);
    await expect(page.getByRole('img', { name: 'Recebido hoje, por forma de pagamento' })).toBeVisible();

    await page.getByRole('button', { name: 'Sangria', exact: true }).click();
    const withdrawal = page.getByRole('dialog', { name: 'Sangria (retirar dinheiro)' });
    await withdrawal.getByRole('textbox', { name: 'Valor', exact: true }).fill('150');
    await withdrawal.getByRole('textbox', { name: 'Motivo' }).fill('Depósito no banco');
    await withdrawal.getByRole('button', { name: 'Sangria', exact: true }).click();
    await expect(withdrawal).toBeHidden();
    await expect(page.getByTestId('cash-expected')).toHaveText('R$ 250,00');
    await shot(page, 'cash-pt-BR');

    await page.getByRole('button', { name: 'Fechar caixa' }).click();
    const close = page.getByRole('dialog', { name: 'Fechar o caixa' });
    await close.getByRole('textbox', { name: 'Contado' }).fill('245');
    await expect(close.getByTestId('cash-difference')).toHaveText('-R$ 5,00');
    await expect(close).toContainText('Falta');
    await shot(page, 'cash-close-pt-BR');
    await close.getByRole('button', { name: 'Fechar caixa' }).click();
    await expect(page.getByRole('region', { name: 'Caixa fechado' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Fechamentos anteriores' })).toContainText('R$ 245,00');
    await shot(page, 'cash-closed-pt-BR');
  });

  test('the customer page’s “Financeiro” tab', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(`/customers/${customerId}`);
    await page.getByRole('tab', { name: 'Financeiro' }).click();
    await expect(page.getByText('Faturado', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Faturas' })).toContainText(`Fatura nº ${invoiceNumber}`);
    await shot(page, 'customer-financial-pt-BR');
  });

  test('the counter at phone width: the order’s invoice and the payment dialog', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/invoices');
    await expect(page.getByRole('heading', { name: 'Faturas', level: 1 })).toBeVisible();
    await shot(page, 'invoices-phone-pt-BR');
    await page.getByRole('link', { name: new RegExp(`^Fatura nº ${saleNumber}\\b`) }).click();
    await expect(page.getByRole('heading', { name: `Fatura nº ${saleNumber}`, level: 1 })).toBeVisible();
    await shot(page, 'invoice-phone-pt-BR');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Receber pagamento' }).click();
    const dialog = page.getByRole('dialog', { name: `Receber — fatura nº ${saleNumber}` });
    await dialog.getByRole('button', { name: 'Crédito', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Parcelas' }).click();
    await page.getByRole('option', { name: '3x de R$ 29,83' }).click();
    await expect(dialog.getByRole('textbox', { name: 'NSU / código de autorização' })).toBeVisible();
    await shot(page, 'payment-dialog-phone-pt-BR');
  });

  for (const lang of ['es', 'en'] as const satisfies readonly Lang[]) {
    test(`the invoice and the payment dialog in ${lang}`, async ({ page, playwright }, testInfo) => {
      const ui = UI[lang];
      // an invoice with something due, to show the dialog on
      const open = await withApi(playwright, testInfo.project.use.baseURL, (api) =>
        api.post<{ id: string; number: number }>(
          '/api/invoices',
          {
            customerId,
            kind: 'COUNTER',
            lines: [{ kind: 'OTHER', description: 'Limpeza do condensador', quantity: 1, unitValue: 120 }],
          },
          { 'Idempotency-Key': crypto.randomUUID() },
        ),
      );
      await setLanguage(page, lang);
      await signIn(page, ADMIN.email, ADMIN.password, lang);
      await page.goto(`/invoices/${open.id}`);
      await expect(
        page.getByRole('heading', { name: `${ui.invoice}${open.number}`, level: 1 }),
      ).toBeVisible();
      await shot(page, `invoice-${lang}`);
      await page.getByRole('button', { name: ui.receive, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `${ui.dialog}${open.number}` });
      await dialog.getByRole('button', { name: ui.cash, exact: true }).click();
      await dialog.getByRole('textbox', { name: ui.tendered }).fill('150');
      await expect(dialog.getByTestId('payment-change')).toContainText('30');
      await shot(page, `payment-dialog-${lang}`);
      await page.goto(invoicePath);
      await shot(page, `invoice-paid-${lang}`);
    });
  }

  test('the billing pages have no serious or critical accessibility violations', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    const scan = async (target: Page, name: string) => {
      await target.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page: target })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
        .analyze();
      const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const report = blocking.flatMap((v) => [
        `${v.id}: ${v.help}`,
        ...v.nodes.map((n) => `  ${n.target.join(' ')} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
      ]);
      expect.soft(report, `${name}:\n${report.join('\n')}`).toEqual([]);
    };
    for (const [name, url, ready] of [
      ['invoices', '/invoices', 'Faturas'],
      ['invoice', invoicePath, `Fatura nº ${invoiceNumber}`],
      ['cash', '/cash', 'Caixa'],
      ['receivables', '/receivables', 'Contas a receber'],
      ['customer', `/customers/${customerId}?tab=financial`, CUSTOMER.name],
    ] as const) {
      await page.goto(url);
      await expect(page.getByRole('heading', { name: ready, level: 1 })).toBeVisible();
      await scan(page, name);
    }
    const customer = await browser.newContext({ ...devices['Pixel 7'], locale: 'pt-BR' });
    const phone = await customer.newPage();
    await phone.goto(payPath);
    await expect(phone.getByTestId('paid')).toBeVisible();
    await scan(phone, 'pay');
    await customer.close();
  });
});
