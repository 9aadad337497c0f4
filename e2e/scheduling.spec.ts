import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { ADMIN, LABELS, type Lang, nav, setLanguage, shot, signIn } from './support.js';

/**
 * Issue 15 §1's calendar at the counter: two technicians with working hours, a bay, a customer and a
 * one-hour service; two appointments booked through the API. The day view by technician is
 * photographed at desktop and phone sizes in pt-BR, es and en; then an appointment is dragged two
 * hours later (accepted), then onto the other technician's booked hour (the server refuses with 409
 * and offers the next free slots; one is taken), and marked arrived, which opens its order.
 */
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const EVERY_DAY = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
  day,
  start: '08:00',
  end: '18:00',
}));
const ANA = { name: `Ana Agenda ${RUN}`, email: `ana.${RUN.toLowerCase()}@oficina.test` };
const BETO = { name: `Beto Agenda ${RUN}`, email: `beto.${RUN.toLowerCase()}@oficina.test` };
const CUSTOMER = {
  name: `Dora Agenda ${RUN}`,
  email: `dora.${RUN.toLowerCase()}@exemplo.com.br`,
  phone: '11945678901',
};
const SERVICE = { code: `AG-${RUN}`, name: `Alinhamento ${RUN}`, price: 90, standardHours: 1 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

const UI = {
  'pt-BR': { calendar: 'Agenda', refused: 'Esse horário está ocupado', arrive: 'Chegou: abrir a OS' },
  es: { calendar: 'Agenda', refused: 'Ese horario está ocupado', arrive: 'Llegó: abrir la orden' },
  en: { calendar: 'Calendar', refused: 'That time is taken', arrive: 'Arrived: open the order' },
} as const;

interface Slot {
  start: string;
  end: string;
  technicianId: string | null;
  bayId: string | null;
}

async function adminApi(request: APIRequestContext) {
  const login = await request.post('/api/auth/login', { data: ADMIN });
  expect(login.ok()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  return async <T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> => {
    const res = await request.fetch(path, { method, headers, ...(data === undefined ? {} : { data }) });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
}

/** The day (YYYY-MM-DD) an instant falls on in the shop's zone. */
function shopDay(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(new Date(instant));
}

interface Setup {
  day: string;
  ana: string;
  beto: string;
  first: string;
}

/** Books the next free hour of Ana and, at the same time, an hour of Beto: a drag onto Beto's is refused. */
async function setUp(request: APIRequestContext): Promise<Setup> {
  const api = await adminApi(request);
  const me = await api<{ organization: { timeZone: string } }>('GET', '/api/auth/me');
  const password = `agenda-${RUN}-pass`;
  const ana = await api<{ id: string }>('POST', '/api/users', {
    ...ANA,
    password,
    role: 'TECHNICIAN',
    workingHours: EVERY_DAY,
  });
  const beto = await api<{ id: string }>('POST', '/api/users', {
    ...BETO,
    password,
    role: 'TECHNICIAN',
    workingHours: EVERY_DAY,
  });
  await api('POST', '/api/bays', { name: `Elevador ${RUN}`, kind: 'LIFT' });
  const customer = await api<{ id: string }>('POST', '/api/customers', CUSTOMER);
  // an order needs the vehicle: the arrival carries it over (Mercosul plate, unique per run)
  const plate = `AGD${RUN.charCodeAt(0) % 10}${String.fromCharCode(65 + (RUN.charCodeAt(1) % 26))}${String(RUN.charCodeAt(2) % 100).padStart(2, '0')}`;
  const car = await api<{ id: string }>('POST', `/api/customers/${customer.id}/assets`, {
    kind: 'vehicle',
    brand: 'Fiat',
    model: 'Argo',
    year: 2021,
    plate,
  });
  const service = await api<{ id: string }>('POST', '/api/service-catalog', SERVICE);
  // tomorrow onwards, so that the hours are free whatever the time the run starts
  const from = new Date(Date.now() + 24 * 3600_000).toISOString();
  const to = new Date(Date.now() + 8 * 24 * 3600_000).toISOString();
  const slots = await api<Slot[]>(
    'GET',
    `/api/appointments/slots?serviceIds=${service.id}&technicianId=${ana.id}&from=${from}&to=${to}`,
  );
  // a whole morning hour, so that two hours later is still inside the working day, whatever the time
  // of the run
  const hour = (instant: string) =>
    Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: me.organization.timeZone,
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(instant)),
    );
  const slot = slots.find(
    (s) => new Date(s.start).getUTCMinutes() === 0 && hour(s.start) >= 8 && hour(s.start) <= 11,
  );
  expect(slot, 'a free hour for Ana').toBeTruthy();
  const start = (slot as Slot).start;
  const first = await api<{ id: string }>('POST', '/api/appointments', {
    customerId: customer.id,
    assetId: car.id,
    serviceIds: [service.id],
    technicianId: ana.id,
    start,
    source: 'PHONE',
    notes: 'Puxando para a direita',
  });
  await api('POST', '/api/appointments', {
    customerId: customer.id,
    assetId: car.id,
    serviceIds: [service.id],
    technicianId: beto.id,
    start,
    source: 'WHATSAPP',
  });
  return { day: shopDay(start, me.organization.timeZone), ana: ana.id, beto: beto.id, first: first.id };
}

async function openDay(page: Page, day: string) {
  await page.goto(`/calendar?view=day&date=${day}`);
  await expect(page.getByTestId('time-grid')).toBeVisible();
  await expect(page.getByTestId('appointment-block').first()).toBeVisible();
}

/**
 * Drags a block so that its top lands `minutes` lower in another column (16 px per quarter-hour). The
 * HTML5 drag events are dispatched in the page, with one DataTransfer, at the computed points: the
 * mouse-driven `dragTo` cannot reach a point of a tall grid scrolled inside its own box.
 */
async function dragBlock(page: Page, block: string, column: string, minutes: number) {
  await page.evaluate(
    async ({ block, column, minutes }) => {
      // React renders the drag state between events, as it does between a person's moves
      const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
      const source = document.querySelector<HTMLElement>(
        `[data-testid="appointment-block"][data-appointment-id="${block}"]`,
      );
      const target = document.querySelector<HTMLElement>(`[data-column="${column}"]`);
      if (!source || !target) throw new Error('block or column not found');
      const from = source.getBoundingClientRect();
      const to = target.getBoundingClientRect();
      const dataTransfer = new DataTransfer();
      const fire = (element: HTMLElement, type: string, x: number, y: number) =>
        element.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, dataTransfer }),
        );
      const grabX = from.left + 10;
      const grabY = from.top + 4;
      const dropX = to.left + 20;
      const dropY = from.top + 4 + (minutes * 16) / 15;
      fire(source, 'dragstart', grabX, grabY);
      await settle();
      fire(target, 'dragenter', dropX, dropY);
      fire(target, 'dragover', dropX, dropY);
      await settle();
      fire(target, 'drop', dropX, dropY);
      fire(source, 'dragend', dropX, dropY);
    },
    { block, column, minutes },
  );
}

test.describe('the shop calendar (issue 15 §1)', () => {
  let setup: Setup;

  test.beforeAll(async ({ request }) => {
    setup = await setUp(request);
  });

  for (const lang of ['pt-BR', 'es', 'en'] as const satisfies readonly Lang[]) {
    test(`the day view by technician in ${lang}, desktop and phone`, async ({ browser }) => {
      await photographDay(browser, lang, setup.day);
    });
  }

  test('drag to reschedule: the server refuses a taken hour, offers free ones, accepts a free one', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password);
    await nav(page, 'pt-BR').getByRole('link', { name: UI['pt-BR'].calendar, exact: true }).click();
    await expect(page).toHaveURL(/\/calendar/);
    await openDay(page, setup.day);
    const block = (id: string) =>
      page.locator(`[data-testid="appointment-block"][data-appointment-id="${id}"]`);

    // two hours later in Ana's own column: accepted
    await dragBlock(page, setup.first, setup.ana, 120);
    await expect(page.getByText('Agendamento remarcado')).toBeVisible();
    await expect(block(setup.first)).toBeVisible();

    // back onto Beto's booked hour, in his column: refused, the block goes back, free times are offered
    await dragBlock(page, setup.first, setup.beto, -120);
    const dialog = page.getByRole('dialog', { name: UI['pt-BR'].refused });
    await expect(dialog).toBeVisible();
    await expect(page.locator(`[data-column="${setup.ana}"]`).locator(block(setup.first))).toBeVisible();
    await shot(page, 'calendar-refused-move-pt-BR');
    await dialog
      .getByRole('button', { name: /\d{1,2}:\d{2}/ })
      .first()
      .click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Agendamento remarcado').first()).toBeVisible();

    // wherever the free time was, the two weeks' list has it: its drawer shows the history, arrival opens the order
    await page.goto(`/calendar?view=agenda&date=${setup.day}`);
    await page.locator(`[data-testid="agenda-item"][data-appointment-id="${setup.first}"]`).click();
    const drawer = page.getByTestId('appointment-drawer');
    await expect(drawer.getByText(/Remarcado de/).first()).toBeVisible();
    await shot(page, 'calendar-appointment-drawer-pt-BR');
    await drawer.getByRole('button', { name: UI['pt-BR'].arrive }).click();
    await expect(page).toHaveURL(/\/repairs\/[0-9a-f-]{36}$/);
  });
});

async function photographDay(browser: Browser, lang: Lang, day: string) {
  const desktop = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang });
  const page = await desktop.newPage();
  await setLanguage(page, lang);
  await signIn(page, ADMIN.email, ADMIN.password, lang);
  await expect(nav(page, lang).getByRole('link', { name: UI[lang].calendar, exact: true })).toBeVisible();
  await openDay(page, day);
  await expect(page.getByTestId('capacity-bar').first()).toBeVisible();
  await shot(page, `calendar-day-${lang}`);
  await page.goto(`/calendar?view=week&date=${day}`);
  await expect(page.getByTestId('appointment-block').first()).toBeVisible();
  await shot(page, `calendar-week-${lang}`);
  await desktop.close();

  const phone = await browser.newContext({ ...PHONE, locale: lang });
  const small = await phone.newPage();
  await setLanguage(small, lang);
  // on a phone the menu is folded away: signed in once the login page is left
  await small.goto('/login');
  await small.getByLabel(LABELS[lang].email, { exact: true }).fill(ADMIN.email);
  await small.getByLabel(LABELS[lang].password, { exact: true }).fill(ADMIN.password);
  await small.getByRole('button', { name: LABELS[lang].submit, exact: true }).click();
  await expect(small).not.toHaveURL(/\/login/);
  // phones open on the agenda list
  await small.goto(`/calendar?date=${day}`);
  await expect(small.getByTestId('agenda-item').first()).toBeVisible();
  await shot(small, `phone-calendar-agenda-${lang}`);
  await openDay(small, day);
  await shot(small, `phone-calendar-day-${lang}`);
  // the page fits the phone's width: only the grid scrolls sideways
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await phone.close();
}
