import { createHmac } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ADMIN, E2E_WHATSAPP, type Lang, nav, setLanguage, shot, signIn } from './support.js';

/**
 * Issue 14's journey: an order moves to "ready for pickup" → the fake WhatsApp Cloud API receives the
 * approved template → the customer's reply (posted to the webhook, signed) shows up live in the staff
 * inbox and on the order → staff replies → the delivered order's feedback link, answered on a phone,
 * shows on the manager's satisfaction page.
 */
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
// a São Paulo mobile; WhatsApp reports it without the 9th digit, as it does for older numbers
const LOCAL = `98${String(Date.now()).slice(-7)}`;
const E164 = `+5511${LOCAL}`;
const WA_ID = `5511${LOCAL.slice(1)}`;
const CUSTOMER = `Rosa Whats ${RUN}`;

const UI = {
  'pt-BR': { inbox: 'Conversas', reply: 'Resposta', send: 'Enviar', satisfaction: 'Satisfação' },
  es: { inbox: 'Conversaciones', satisfaction: 'Satisfacción' },
  en: { inbox: 'Conversations', satisfaction: 'Satisfaction' },
} as const;

type Recorded = {
  path: string;
  body: { to?: string; type?: string; template?: TemplateBody; text?: { body: string } };
};
type TemplateBody = {
  name: string;
  language: { code: string };
  components: { parameters: { text: string }[] }[];
};

async function received(): Promise<Recorded[]> {
  const res = await fetch(`http://127.0.0.1:${E2E_WHATSAPP.inspectorPort}/requests`);
  return (await res.json()) as Recorded[];
}

/** The message the fake received for this customer that matches, waiting for the job worker. */
async function waitForMessage(match: (r: Recorded) => boolean): Promise<Recorded> {
  let found: Recorded | undefined;
  await expect
    .poll(
      async () => {
        // the server sends to the number as the shop has it: with the 9th digit
        found = (await received()).find((r) => r.body.to === `5511${LOCAL}` && match(r));
        return Boolean(found);
      },
      { timeout: 30_000, intervals: [500, 1000] },
    )
    .toBe(true);
  return found!;
}

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

/** The customer's WhatsApp message as Meta delivers it: signed with the app secret. */
async function customerWrites(request: APIRequestContext, text: string) {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA-E2E',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '551130000000', phone_number_id: E2E_WHATSAPP.phoneNumberId },
              contacts: [{ wa_id: WA_ID, profile: { name: 'Rosa' } }],
              messages: [
                {
                  id: `wamid.E2E${RUN}${Date.now()}`,
                  from: WA_ID,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', E2E_WHATSAPP.appSecret).update(body).digest('hex')}`;
  const res = await request.post('/api/webhooks/whatsapp', {
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(200);
}

async function openInbox(page: Page, lang: Lang) {
  await nav(page, lang).getByRole('link', { name: UI[lang].inbox }).click();
  await expect(page.getByRole('heading', { name: UI[lang].inbox, level: 1 })).toBeVisible();
}

let repairId = '';
let repairNumber = 0;

test.describe('communication: WhatsApp out, the reply in live, feedback from a phone', () => {
  test.describe.configure({ mode: 'serial', timeout: 150_000 });

  test('"ready for pickup" reaches WhatsApp as the approved template', async ({ request }) => {
    const api = await adminApi(request);
    const customer = await api<{ id: string }>('POST', '/api/customers', {
      name: CUSTOMER,
      phone: E164,
      email: `rosa.${RUN.toLowerCase()}@cliente.test`,
      consents: { whatsapp: true, email: true, source: 'counter' },
    });
    const repair = await api<{ id: string; number: number }>('POST', '/api/repairs', {
      userId: customer.id,
      appliances: [
        { type: 'Geladeira', brand: 'Brastemp', model: 'BRM45', serial: `E2E${RUN}`, laborValue: 150 },
      ],
      parts: [],
      returnGuarantee: false,
      fabricGuarantee: false,
      discount: 0,
      serviceDescription: 'A geladeira não gela a parte de baixo.',
      receivedAt: new Date().toISOString(),
      status: 'NAO_INICIADO',
    });
    repairId = repair.id;
    repairNumber = repair.number;
    for (const status of ['EM_ANDAMENTO', 'EM_REVISAO'])
      await api('POST', `/api/repairs/${repairId}/status`, { status });
    await api('PUT', `/api/repairs/${repairId}/checklist`, {
      items: ['work_done', 'parts_as_planned', 'tested', 'asset_clean'].map((key) => ({ key, done: true })),
    });
    await api('POST', `/api/repairs/${repairId}/status`, { status: 'FINALIZADO' });

    const sent = await waitForMessage((r) => r.body.template?.name === 'bancada_ready_for_pickup');
    expect(sent.body.template!.language.code).toBe('pt_BR');
    expect(JSON.stringify(sent.body.template!.components)).toContain(CUSTOMER);
  });

  test('the customer’s reply shows up live in the inbox and on the order; staff reply on WhatsApp', async ({
    page,
    request,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await openInbox(page, 'pt-BR');
    // the reply arrives while the inbox is open: no reload
    await customerWrites(request, `Posso buscar amanhã às 9h? (${RUN})`);
    const conversation = page.getByRole('button', { name: new RegExp(CUSTOMER) }).first();
    await expect(conversation).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(`Posso buscar amanhã às 9h? (${RUN})`).first()).toBeVisible();
    await conversation.click();
    await expect(page.getByText(`Posso buscar amanhã às 9h? (${RUN})`).last()).toBeVisible();
    await shot(page, 'communication-inbox');

    await page.getByLabel(UI['pt-BR'].reply).fill(`Pode sim, estaremos abertos das 8h às 18h. (${RUN})`);
    await page.getByRole('button', { name: UI['pt-BR'].send, exact: true }).click();
    const answer = await waitForMessage(
      (r) => r.body.type === 'text' && Boolean(r.body.text?.body.includes(RUN)),
    );
    expect(answer.body.text!.body).toContain('das 8h às 18h');

    await page.goto(`/repairs/${repairId}`);
    await expect(page.getByText(`Posso buscar amanhã às 9h? (${RUN})`).first()).toBeVisible();
    await shot(page, 'communication-order-messages');
  });

  test('the delivered order’s feedback link, answered on a phone, shows on the satisfaction page', async ({
    browser,
    page,
    request,
  }) => {
    const api = await adminApi(request);
    await api('POST', `/api/repairs/${repairId}/status`, { status: 'ENTREGUE' });
    // the customer wrote within 24 hours, so WhatsApp takes free text now: the thank-you with its link
    const delivered = await waitForMessage((r) => JSON.stringify(r.body).includes('/feedback/'));
    const link = JSON.stringify(delivered.body).match(/https?:\/\/[^"\s\\]+\/feedback\/[^"\s\\]+/)?.[0];
    expect(link, 'the delivered message carries the feedback link').toBeTruthy();
    const path = new URL(link!).pathname;

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'pt-BR',
      isMobile: true,
    });
    const customerPage = await phone.newPage();
    await customerPage.goto(path);
    await expect(customerPage.getByRole('heading', { name: new RegExp(`OS ${repairNumber}`) })).toBeVisible();
    await customerPage.getByRole('radio', { name: 'Nota 5 de 5' }).click();
    await customerPage.getByRole('radio', { name: '9', exact: true }).click();
    await customerPage.getByLabel('Comentário (opcional)').fill(`Atendimento rápido e claro. ${RUN}`);
    await shot(customerPage, 'communication-feedback-phone');
    await customerPage.getByRole('button', { name: 'Enviar avaliação' }).click();
    await expect(customerPage.getByText('Obrigado!')).toBeVisible();
    await phone.close();

    await signIn(page, ADMIN.email, ADMIN.password);
    await nav(page, 'pt-BR').getByRole('link', { name: UI['pt-BR'].satisfaction }).click();
    await expect(page.getByText(`Atendimento rápido e claro. ${RUN}`).first()).toBeVisible();
    await shot(page, 'communication-satisfaction');
  });

  for (const lang of ['es', 'en'] as const) {
    test(`the inbox and the satisfaction page in ${lang}`, async ({ page }) => {
      await setLanguage(page, lang);
      await signIn(page, ADMIN.email, ADMIN.password, lang);
      await openInbox(page, lang);
      await expect(page.getByRole('button', { name: new RegExp(CUSTOMER) }).first()).toBeVisible();
      await shot(page, `communication-inbox-${lang}`);
      await nav(page, lang).getByRole('link', { name: UI[lang].satisfaction }).click();
      await expect(page.getByRole('heading', { name: UI[lang].satisfaction, level: 1 })).toBeVisible();
      await shot(page, `communication-satisfaction-${lang}`);
    });
  }

  test('the inbox on a phone', async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'pt-BR' });
    const page = await phone.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/inbox');
    await page
      .getByRole('button', { name: new RegExp(CUSTOMER) })
      .first()
      .click();
    await expect(page.getByText(`(${RUN})`).first()).toBeVisible();
    await shot(page, 'communication-inbox-phone');
    await phone.close();
  });

  test('the communication pages have no serious or critical accessibility violations', async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    const report: string[] = [];
    for (const [url, title] of [
      ['/inbox', 'Conversas'],
      ['/message-templates', 'Modelos de mensagem'],
      ['/feedback', 'Satisfação'],
      ['/maintenance-reminders', 'Lembretes de manutenção'],
      ['/campaigns', 'Campanhas'],
      ['/tickets', 'Chamados'],
      ['/faq', 'Perguntas frequentes'],
    ] as const) {
      await page.goto(url);
      await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
        .analyze();
      for (const v of results.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
        report.push(`${url} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    expect(report).toEqual([]);
  });
});
