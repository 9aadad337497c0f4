import { readFile } from 'node:fs/promises';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { ADMIN, LABELS, type Lang, setLanguage, shot } from './support.js';

/**
 * Issue 15 §3's journey on a phone: a new customer registers from the sign-in page, verifies the
 * e-mail (the link read from the shop's outbox), signs in and lands in the portal; the shop opens an
 * order with an estimate; the customer sees it, watches its status change live, approves the estimate
 * line by line, downloads all their data and asks for a correction. Then the portal in es and en.
 */
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const CUSTOMER = {
  name: `Clara Portal ${RUN}`,
  email: `clara.${RUN.toLowerCase()}@cliente.test`,
  password: `portal-${RUN}-senha`,
  phone: `11 9${String(Date.now()).slice(-8)}`,
};
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

const UI = {
  'pt-BR': {
    orders: 'Serviços',
    assets: 'Meus bens',
    account: 'Meus dados',
    help: 'Ajuda',
    ordersTitle: 'Meus serviços',
  },
  es: {
    orders: 'Servicios',
    assets: 'Mis bienes',
    account: 'Mis datos',
    help: 'Ayuda',
    ordersTitle: 'Mis servicios',
  },
  en: {
    orders: 'Services',
    assets: 'My items',
    account: 'My data',
    help: 'Help',
    ordersTitle: 'My services',
  },
} as const;
const PORTAL_NAV = { 'pt-BR': 'Portal do cliente', es: 'Portal del cliente', en: 'Customer portal' } as const;

async function adminApi(request: APIRequestContext) {
  const login = await request.post('/api/auth/login', { data: ADMIN });
  expect(login.ok()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  return async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, data?: unknown): Promise<T> => {
    const res = await request.fetch(path, { method, headers, ...(data === undefined ? {} : { data }) });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
}

/** The verification link the server e-mailed, read from the shop's outbox (the job may take a moment). */
async function verificationPath(request: APIRequestContext): Promise<string> {
  const api = await adminApi(request);
  let path: string | undefined;
  await expect
    .poll(
      async () => {
        const page = await api<{ items: { to: string; body: string }[] }>(
          'GET',
          `/api/outbox?channel=email&q=${encodeURIComponent(CUSTOMER.email)}`,
        );
        const body = page.items.find((message) => message.to === CUSTOMER.email)?.body ?? '';
        path = body.match(/\/portal\/verify\?token=[\w.~-]+/)?.[0];
        return Boolean(path);
      },
      { timeout: 30_000, intervals: [500, 1000] },
    )
    .toBe(true);
  return path!;
}

async function phonePage(browser: Browser, lang: Lang = 'pt-BR'): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, locale: lang });
  const page = await context.newPage();
  await setLanguage(page, lang);
  return page;
}

async function signInToPortal(page: Page, lang: Lang = 'pt-BR') {
  const labels = LABELS[lang];
  if (!page.url().endsWith('/login')) await page.goto('/login');
  await page.getByLabel(labels.email, { exact: true }).fill(CUSTOMER.email);
  await page.getByLabel(labels.password, { exact: true }).fill(CUSTOMER.password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  // a CUSTOMER login lands in the portal, not in the staff app
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('navigation', { name: PORTAL_NAV[lang] })).toBeVisible();
  await expect(page.getByRole('heading', { name: UI[lang].ordersTitle, level: 1 })).toBeVisible();
}

let repairId = '';
let repairNumber = 0;

test.describe('customer portal on a phone: register, verify, follow, approve, export', () => {
  test.describe.configure({ mode: 'serial', timeout: 150_000 });

  test('a new customer registers from the sign-in page and is told to check the e-mail', async ({
    browser,
  }) => {
    const page = await phonePage(browser);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sou cliente: criar uma conta' }).click();
    await expect(page.getByRole('heading', { name: 'Criar sua conta', level: 1 })).toBeVisible();
    await page.getByRole('textbox', { name: 'Nome completo', exact: true }).fill(CUSTOMER.name);
    await page.getByRole('textbox', { name: 'E-mail', exact: true }).fill(CUSTOMER.email);
    await page.getByLabel('Celular').fill(CUSTOMER.phone);
    await page.getByRole('textbox', { name: 'Senha', exact: true }).fill(CUSTOMER.password);
    await page.getByRole('textbox', { name: 'Confirmação da senha', exact: true }).fill(CUSTOMER.password);
    await page.getByRole('checkbox', { name: /Li e aceito a/ }).check();
    await shot(page, 'portal-register-phone');
    await page.getByRole('button', { name: 'Criar conta' }).click();
    await expect(page.getByRole('heading', { name: 'Confira seu e-mail', level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: CUSTOMER.email })).toBeVisible();
    await page.context().close();
  });

  test('the e-mailed link verifies the address, and the customer signs in to the portal', async ({
    browser,
    request,
  }) => {
    const path = await verificationPath(request);
    const page = await phonePage(browser);
    await page.goto(path);
    await expect(
      page.getByRole('status').filter({ hasText: `E-mail ${CUSTOMER.email} confirmado` }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await signInToPortal(page);
    await expect(page.getByText('Nenhum serviço ainda')).toBeVisible();
    await shot(page, 'portal-orders-empty-phone');
    await page.context().close();
  });

  test('the shop opens an order with an estimate; the customer finds it in the portal', async ({
    browser,
    request,
  }) => {
    const api = await adminApi(request);
    const found = await api<{ items: { id: string; email: string | null }[] }>(
      'GET',
      `/api/customers?q=${encodeURIComponent(CUSTOMER.email)}`,
    );
    const customer = found.items.find((item) => item.email === CUSTOMER.email);
    expect(customer, 'verification created (or linked) the customer record').toBeTruthy();
    const repair = await api<{ id: string; number: number }>('POST', '/api/repairs', {
      userId: customer!.id,
      appliances: [
        { type: 'Geladeira', brand: 'Consul', model: 'CRM39', serial: `PORTAL${RUN}`, laborValue: 150 },
      ],
      services: [{ description: 'Troca do termostato', hours: 1, price: 90 }],
      parts: [],
      returnGuarantee: false,
      fabricGuarantee: false,
      discount: 0,
      serviceDescription: 'A geladeira desliga sozinha.',
      receivedAt: new Date().toISOString(),
      status: 'NAO_INICIADO',
    });
    repairId = repair.id;
    repairNumber = repair.number;
    await api('POST', `/api/repairs/${repairId}/estimates`, { notify: false });

    const page = await phonePage(browser);
    await signInToPortal(page);
    await page.getByRole('link', { name: `Abrir a OS ${repairNumber}` }).click();
    await expect(page.getByRole('heading', { name: `OS ${repairNumber}`, level: 1 })).toBeVisible();
    await expect(page.getByText('Aguardando aprovação').first()).toBeVisible();
    await expect(page.getByText('Aguardando sua resposta')).toBeVisible();
    await shot(page, 'portal-order-phone');
    await page.context().close();
  });

  test('the customer approves the estimate line by line, then watches the order move live', async ({
    browser,
    request,
  }) => {
    const page = await phonePage(browser);
    await signInToPortal(page);
    await page.goto(`/portal/orders/${repairId}`);
    const choices = page.getByRole('radiogroup', { name: /^Sua resposta para / });
    await expect(choices).toHaveCount(2);
    const service = page.getByRole('radiogroup', { name: 'Sua resposta para Troca do termostato' });
    await service.getByText('Recusar', { exact: true }).click();
    await expect(service.getByRole('radio', { name: 'Recusar' })).toBeChecked();
    await expect(page.getByRole('textbox', { name: 'Nome completo' })).toHaveValue(CUSTOMER.name);
    await page.getByRole('checkbox', { name: /Li o orçamento e autorizo/ }).check();
    await shot(page, 'portal-estimate-phone');
    await page.getByRole('button', { name: 'Autorizar R$ 150,00' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `Respondido por ${CUSTOMER.name}` }),
    ).toBeVisible();
    await expect(page.getByText('Recusado', { exact: true })).toBeVisible();

    const api = await adminApi(request);
    const estimates = await api<{ items: { decision: { channel: string } | null }[] }>(
      'GET',
      `/api/repairs/${repairId}/estimates`,
    );
    expect(estimates.items[0]?.decision?.channel).toBe('portal');

    // the shop starts the work while the page is open: the status changes without a reload
    await api('POST', `/api/repairs/${repairId}/status`, { status: 'EM_ANDAMENTO' });
    await expect(page.getByText('Em andamento').first()).toBeVisible({ timeout: 15_000 });
    await shot(page, 'portal-order-live-phone');
    await page.context().close();
  });

  test('my data: all of it as a file, and a correction request with its status', async ({ browser }) => {
    const page = await phonePage(browser);
    await signInToPortal(page);
    await page
      .getByRole('navigation', { name: PORTAL_NAV['pt-BR'] })
      .getByRole('link', { name: 'Meus dados' })
      .click();
    await expect(page.getByRole('heading', { name: 'Meus dados', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Nome completo')).toHaveValue(CUSTOMER.name);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'JSON' }).click(),
    ]);
    const file = await download.path();
    expect(file).toBeTruthy();
    const exported = await readFile(file!, 'utf8');
    expect(exported).toContain(CUSTOMER.email);
    // the order is part of it
    expect(exported).toContain(repairId);

    await page.getByLabel('Mensagem').fill(`Meu sobrenome está incompleto. (${RUN})`);
    await page.getByRole('button', { name: 'Enviar pedido' }).click();
    await expect(page.getByText(`Meu sobrenome está incompleto. (${RUN})`)).toBeVisible();
    await expect(page.getByText('Em análise')).toBeVisible();
    await shot(page, 'portal-my-data-phone');
    await page.context().close();
  });

  for (const lang of ['es', 'en'] as const) {
    test(`the portal in ${lang}`, async ({ browser }) => {
      const page = await phonePage(browser, lang);
      await signInToPortal(page, lang);
      await expect(page.getByRole('link', { name: new RegExp(`${repairNumber}`) })).toBeVisible();
      await shot(page, `portal-orders-phone-${lang}`);
      const portalNav = page.getByRole('navigation', { name: PORTAL_NAV[lang] });
      for (const section of ['assets', 'account', 'help'] as const) {
        await portalNav.getByRole('link', { name: UI[lang][section] }).click();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await shot(page, `portal-${section}-phone-${lang}`);
      }
      await page.context().close();
    });
  }

  test('a reminder link books a visit: asset preselected, a service, a day, a free time', async ({
    browser,
    request,
  }) => {
    const api = await adminApi(request);
    const hours = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
      day,
      start: '08:00',
      end: '18:00',
    }));
    const technician = { name: `Téc Portal ${RUN}`, email: `tec.${RUN.toLowerCase()}@oficina.test` };
    await api('POST', '/api/users', {
      ...technician,
      password: `tec-${RUN}-pass`,
      role: 'TECHNICIAN',
      workingHours: hours,
    });
    const service = { code: `PB-${RUN}`, name: `Revisão portal ${RUN}`, price: 120, standardHours: 1 };
    await api('POST', '/api/service-catalog', service);
    const found = await api<{ items: { id: string; email: string | null }[] }>(
      'GET',
      `/api/customers?q=${encodeURIComponent(CUSTOMER.email)}`,
    );
    const customerId = found.items.find((item) => item.email === CUSTOMER.email)!.id;
    const plate = `PRT${RUN.charCodeAt(0) % 10}${String.fromCharCode(65 + (RUN.charCodeAt(1) % 26))}${String(RUN.charCodeAt(2) % 100).padStart(2, '0')}`;
    const car = await api<{ id: string }>('POST', `/api/customers/${customerId}/assets`, {
      kind: 'vehicle',
      brand: 'Fiat',
      model: 'Mobi',
      plate,
    });

    const page = await phonePage(browser);
    await signInToPortal(page);
    await page.goto(`/portal/book?assetId=${car.id}`);
    await expect(page.getByRole('radio', { name: /Fiat Mobi/ })).toBeChecked();
    await page.getByRole('checkbox', { name: service.name }).check();
    // tomorrow: free hours whatever the time of the run
    await page.getByRole('group', { name: 'Dia' }).getByRole('button').nth(1).click();
    await page
      .getByRole('button', { name: /^\d{2}:\d{2}$/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Confirmar agendamento' }).click();
    await expect(page.getByText('Visita agendada')).toBeVisible();
    await shot(page, 'portal-booked-phone');
    await page.getByRole('link', { name: 'Meus agendamentos' }).click();
    await expect(page.getByRole('button', { name: 'Mudar horário' })).toBeEnabled();
    await page.context().close();
  });
});
