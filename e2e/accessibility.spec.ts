import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { ADMIN, shot, signIn } from './support.js';

// this spec's own data: the e2e database is shared with the other specs, and a failed test's
// worker restarts and creates it again (hence the run's own code and e-mail)
const RUN = Date.now().toString(36).toUpperCase();
const CUSTOMER = {
  name: 'Helena Batista Moura',
  email: `helena.${RUN}@exemplo.com.br`,
  phone: '11945678901',
};
const PART = { code: `A11Y-${RUN}`, name: 'Resistência de forno 1200 W', price: 64.9, stock: 6 };

// WCAG 2.0, 2.1 and 2.2, levels A and AA
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);
const PHONE = { width: 390, height: 844 };

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

/** One line per failing element, with what a developer needs to find and fix it. */
function describe(violations: Violation[]): string[] {
  const lines: string[] = [];
  for (const violation of violations) {
    lines.push(`${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}`);
    for (const node of violation.nodes) {
      const check = [...node.any, ...node.all, ...node.none].find((c) => c.data);
      const data = check?.data as
        | { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string }
        | undefined;
      const colours =
        data?.fgColor && data.bgColor
          ? ` ${data.fgColor} on ${data.bgColor} = ${data.contrastRatio}:1 (needs ${data.expectedContrastRatio})`
          : '';
      lines.push(`  ${node.target.join(' ')}${colours}`);
      if (!colours) {
        lines.push(`    ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
        lines.push(`    ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
      }
    }
  }
  return lines;
}

/** Scans the page as it is now; returns the serious and critical WCAG A/AA violations. */
async function scan(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    // still marked experimental in axe-core: a control's name holds its visible text (WCAG 2.5.3)
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
}

async function adminApi(request: APIRequestContext) {
  const login = await request.post('/api/auth/login', { data: ADMIN });
  expect(login.ok()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  return async <T>(path: string, data: unknown, extra: Record<string, string> = {}): Promise<T> => {
    const response = await request.post(path, { data, headers: { ...headers, ...extra } });
    expect(response.ok(), `POST ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
}

// set by beforeAll
let customerPath = '';
let repairPath = '';
let repairNumber = 0;
let estimatePath = '';

interface Visit {
  name: string;
  path: () => string;
  /** what shows once the page has its data */
  ready: (page: Page) => Promise<void>;
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
};

const SIGNED_IN: Visit[] = [
  { name: 'home', path: () => '/', ready: heading(/^(Bom dia|Boa tarde|Boa noite)/) },
  {
    name: 'board',
    path: () => '/repairs',
    ready: async (page) => {
      await heading('Ordens de serviço')(page);
      await expect(
        page.locator(`[data-testid="repair-card"][data-repair-number="${repairNumber}"]`),
      ).toBeAttached();
    },
  },
  {
    name: 'order',
    path: () => repairPath,
    ready: async (page) => {
      await heading(`OS ${repairNumber}`)(page);
      await expect(page.getByRole('region', { name: 'Valores' })).toBeVisible();
    },
  },
  { name: 'new-order', path: () => '/repairs/new', ready: heading('Nova ordem de serviço') },
  {
    name: 'customers',
    path: () => '/customers',
    ready: async (page) => {
      await heading('Clientes')(page);
      await expect(page.getByText(CUSTOMER.name).filter({ visible: true }).first()).toBeVisible();
    },
  },
  { name: 'customer', path: () => customerPath, ready: heading(CUSTOMER.name) },
  {
    name: 'components',
    path: () => '/inventory',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByText(PART.code).filter({ visible: true }).first()).toBeVisible();
    },
  },
];

const PUBLIC_ESTIMATE: Visit = {
  name: 'public-estimate',
  path: () => estimatePath,
  ready: heading(/^Orçamento da OS \d+$/),
};

test.describe('accessibility (axe-core, WCAG 2.x A and AA)', () => {
  test.beforeAll(async ({ playwright }, testInfo) => {
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    const post = await adminApi(request);
    const customer = await post<{ id: string }>('/api/customers', CUSTOMER);
    customerPath = `/customers/${customer.id}`;
    const component = await post<{ id: string }>('/api/components', {
      ...PART,
      category: 'Acessibilidade',
      minStock: 1,
    });
    const repair = await post<{ id: string; number: number }>(
      '/api/repairs',
      {
        userId: customer.id,
        status: 'NAO_INICIADO',
        receivedAt: new Date().toISOString(),
        appliances: [{ type: 'Micro-ondas', brand: 'Electrolux', model: 'MEF41', laborValue: 90 }],
        parts: [{ componentId: component.id, quantity: 1 }],
        serviceDescription: 'Liga, mas não esquenta.',
      },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    repairPath = `/repairs/${repair.id}`;
    repairNumber = repair.number;
    const estimate = await post<{ link: string }>(`/api/repairs/${repair.id}/estimates`, { notify: false });
    estimatePath = new URL(estimate.link, 'http://link.invalid').pathname;
    expect(estimatePath).toMatch(/^\/estimate\/[\w.-]+$/);
    await request.dispose();
  });

  for (const viewport of ['desktop', 'phone'] as const) {
    test(`nine pages have no serious or critical violations (${viewport})`, async ({ page, browser }) => {
      // nine pages, each drawn, photographed and scanned
      test.setTimeout(240_000);
      if (viewport === 'phone') await page.setViewportSize(PHONE);
      const found: Record<string, number> = {};
      const check = async (target: Page, visit: Visit) => {
        await visit.ready(target);
        await target.waitForLoadState('networkidle');
        await shot(target, `a11y-${visit.name}-${viewport}`);
        const violations = await scan(target);
        found[visit.name] = violations.reduce((sum, v) => sum + v.nodes.length, 0);
        const report = describe(violations);
        expect.soft(report.length, `${visit.name} (${viewport}):\n${report.join('\n')}`).toBe(0);
      };

      await page.goto('/login');
      await check(page, {
        name: 'login',
        path: () => '/login',
        ready: async (p) => {
          await expect(p.getByRole('button', { name: 'Entrar', exact: true })).toBeVisible();
        },
      });
      await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
      for (const visit of SIGNED_IN) {
        await page.goto(visit.path());
        await check(page, visit);
      }

      // the customer's link: another browser, no login
      const customer = await browser.newContext({
        locale: 'pt-BR',
        viewport: viewport === 'phone' ? PHONE : { width: 1280, height: 720 },
      });
      const phone = await customer.newPage();
      await phone.goto(PUBLIC_ESTIMATE.path());
      await check(phone, PUBLIC_ESTIMATE);
      await customer.close();

      console.log(`serious/critical elements per page (${viewport}):`, JSON.stringify(found));
    });
  }

  test('a card moved from its menu by keyboard keeps the focus, in its new column or back in its old one', async ({
    page,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/repairs');
    const board = page.getByRole('list', { name: 'Quadro de ordens de serviço por status' });
    const column = (status: string) => board.getByRole('listitem', { name: new RegExp(`^${status}:`) });
    const card = (status: string) =>
      column(status).locator(`[data-testid="repair-card"][data-repair-number="${repairNumber}"]`);
    const menu = (status: string) =>
      card(status).getByRole('button', { name: `Ações da OS nº ${repairNumber}` });
    const moveByKeyboard = async (from: string, to: string) => {
      await menu(from).focus();
      await page.keyboard.press('Enter');
      const item = page.getByRole('menuitem', { name: to });
      await expect(item).toBeVisible();
      for (
        let i = 0;
        i < 10 && !(await item.evaluate((element) => element === document.activeElement));
        i++
      ) {
        await page.keyboard.press('ArrowDown');
      }
      await expect(item).toBeFocused();
      await page.keyboard.press('Enter');
    };

    // the order waits for the customer's answer since its estimate was sent: the server refuses
    // to start the work, and the card goes back with the focus on it
    await expect(card('Aguardando aprovação')).toBeVisible();
    await moveByKeyboard('Aguardando aprovação', 'Em andamento');
    await expect(
      page.getByRole('alert').filter({ hasText: `OS nº ${repairNumber} não mudou de status` }),
    ).toBeVisible();
    await expect(card('Aguardando aprovação')).toBeVisible();
    await expect(menu('Aguardando aprovação')).toBeFocused();

    await moveByKeyboard('Aguardando aprovação', 'Não iniciado');
    await expect(card('Não iniciado')).toBeVisible();
    await expect(menu('Não iniciado')).toBeFocused();
    await expect(
      page.getByRole('alert').filter({ hasText: `OS nº ${repairNumber} movida para Não iniciado.` }),
    ).toBeVisible();
    // still there once the server confirmed the move and the columns were read again
    await expect(card('Aguardando aprovação')).toHaveCount(0);
    await expect(menu('Não iniciado')).toBeFocused();
  });

  test('the skip link is the first stop and jumps to the page; text fields show a focus ring', async ({
    page,
  }) => {
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/customers');
    await expect(page.getByRole('heading', { name: 'Clientes', level: 1 })).toBeVisible();
    const skip = page.getByRole('link', { name: 'Pular para o conteúdo' });
    await expect(skip).not.toBeInViewport();

    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    await expect(skip).not.toBeInViewport();
    // the next stop is on the page itself, past the header and the menu
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);

    // a text field shows the same ring as a button, not only a border colour
    const field = page.getByRole('main').getByRole('textbox').first();
    await field.focus();
    const ring = await field.evaluate((element) => {
      const style = getComputedStyle(element);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ style: 'solid', width: '2px' });
  });
});
