import { readFile } from 'node:fs/promises';
import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';
import { ADMIN, type Lang, nav, shot as screenshot, setLanguage, signIn } from './support.js';

// this spec's own data: the e2e database is shared with the specs that ran before it
const CAR_OWNER = {
  name: 'Renata Figueiredo Lopes',
  email: 'renata.lopes@exemplo.com.br',
  phone: '11923456789',
};
const CAR = { brand: 'Fiat', model: 'Strada', year: 2021, plate: 'RPT2E45', odometer: 42000 };
const FRIDGE_OWNER = {
  name: 'Cláudio Araújo Menezes',
  email: 'claudio.menezes@exemplo.com.br',
  phone: '11934567890',
};
const OIL_FILTER = { code: 'OS-FIL-01', name: 'Filtro de óleo Tecfil PSL55', price: 38.9, stock: 12 };
// seed 004's example: 85.50 × 1 + 45.00 × 2, labor 150, discount 25.50 → 300.00
const THERMOSTAT = { code: 'OS-TER-02', name: 'Termostato Embraco RC-12', price: 85.5, stock: 8 };
const RELAY = { code: 'OS-REL-03', name: 'Relé de partida PTC', price: 45, stock: 8 };
const OIL_CHANGE = { code: 'OS-SRV-01', name: 'Troca de óleo e filtro', price: 120, standardHours: 1 };
const MANAGER = { name: 'Márcia Gerente', email: 'marcia.gerente@oficina.test', password: 'marcia-pass-123' };

/** The names the journey looks for in the other languages. */
const UI = {
  es: {
    repairs: 'Órdenes de servicio',
    board: 'Tablero de órdenes de servicio por estado',
    inProgress: 'En curso',
    finished: 'Finalizado',
    order: 'OS',
  },
  en: {
    repairs: 'Service orders',
    board: 'Service orders by status',
    inProgress: 'In progress',
    finished: 'Finished',
    order: 'SO',
  },
} as const;

/** A full-page picture from the top, so the fixed header is not drawn over a scrolled page. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, `repairs-${name}`);
}

/** The admin's API, for the setup no journey here is about. */
async function adminApi(request: APIRequestContext) {
  const login = await request.post('/api/auth/login', { data: ADMIN });
  expect(login.ok()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  return async <T>(path: string, data: unknown): Promise<T> => {
    const response = await request.post(path, { data, headers });
    expect(response.ok(), `POST ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
}

function column(page: Page, status: string, board = 'Quadro de ordens de serviço por status'): Locator {
  return page.getByRole('list', { name: board }).getByRole('listitem', { name: new RegExp(`^${status}:`) });
}

/** Scrolls the board sideways until this column is at its left edge. */
async function scrollToColumn(column: Locator) {
  await column.evaluate((element) => element.scrollIntoView({ block: 'nearest', inline: 'start' }));
}

function card(scope: Page | Locator, number: number): Locator {
  return scope.locator(`[data-testid="repair-card"][data-repair-number="${number}"]`);
}

/**
 * Drags an order's card onto another column. The board scrolls sideways: the card's column goes to
 * the left edge first so both ends of the drag are on screen (Playwright would otherwise scroll the
 * board after pressing the mouse, and the drag would start on whatever card is then under it).
 */
async function dragCard(page: Page, number: number, from: string, to: string) {
  const source = column(page, from);
  await expect(card(source, number)).toBeVisible();
  await scrollToColumn(source);
  await card(source, number).dragTo(column(page, to));
}

async function pickOption(page: Page, scope: Page | Locator, label: string, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Types into a searchable picker and chooses the option the server found. */
async function searchAndPick(page: Page, label: string, search: string, option: RegExp) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(search);
  await page.getByRole('option', { name: option }).click();
}

// set by the journey, visited again by the later tests
let carNumber = 0;
let fridgeNumber = 0;
let fridgePath = '';
let customerLink = '';

test.describe('service orders', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async ({ playwright }, testInfo) => {
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    const post = await adminApi(request);
    const carOwner = await post<{ id: string }>('/api/customers', CAR_OWNER);
    await post(`/api/customers/${carOwner.id}/assets`, {
      kind: 'vehicle',
      brand: CAR.brand,
      model: CAR.model,
      year: CAR.year,
      plate: CAR.plate,
      color: 'Branca',
      initialReading: CAR.odometer,
    });
    await post('/api/customers', FRIDGE_OWNER);
    for (const part of [OIL_FILTER, THERMOSTAT, RELAY]) {
      await post('/api/components', { ...part, category: 'Peças de OS', minStock: 1 });
    }
    await post('/api/service-catalog', { ...OIL_CHANGE, category: 'Motor', warrantyDays: 90 });
    await post('/api/users', { ...MANAGER, role: 'MANAGER' });
    await request.dispose();
  });

  test('admin opens an order for a car: customer, vehicle, odometer, fuel, a catalog service and a part', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await nav(page, 'pt-BR').getByRole('link', { name: 'Ordens de serviço' }).click();
    await expect(page.getByRole('heading', { name: 'Ordens de serviço', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Nova OS' }).first().click();
    await expect(page.getByRole('heading', { name: 'Nova ordem de serviço', level: 1 })).toBeVisible();

    await searchAndPick(page, 'Cliente', 'Renata', new RegExp(CAR_OWNER.name));
    await pickOption(page, page, 'Veículo ou máquina do cliente', /Fiat Strada 2021/);
    const odometer = page.getByRole('textbox', { name: 'Odômetro na entrada (km)' });
    await expect(odometer).toBeVisible();
    await expect(page.getByText('Última leitura: 42.000')).toBeVisible();
    await odometer.fill('42350');
    await pickOption(page, page, 'Nível de combustível', '1/2');
    await page
      .getByRole('textbox', { name: 'Problema relatado' })
      .fill('Troca de óleo vencida; luz do óleo acesa no painel.');
    await page.getByRole('textbox', { name: 'Estado na entrada' }).fill('Risco leve no para-choque traseiro');

    // a canned job from the catalog, and the part it needs
    await searchAndPick(page, 'Adicionar serviço do catálogo', 'OS-SRV', new RegExp(OIL_CHANGE.name));
    const service = page.getByTestId('service-line');
    await expect(service.getByRole('textbox', { name: 'Descrição do serviço' })).toHaveValue(OIL_CHANGE.name);
    await searchAndPick(page, 'Adicionar peça', OIL_FILTER.code, new RegExp(OIL_FILTER.name));
    await expect(page.getByTestId('part-line').filter({ hasText: OIL_FILTER.name })).toContainText(
      'R$ 38,90',
    );

    const summary = page.getByRole('region', { name: 'Resumo' });
    await expect(summary.getByTestId('total-preview')).toHaveText('R$ 158,90');
    await expect(odometer).toHaveValue('42.350 km');
    await shot(page, 'new-car-pt-BR');
    await summary.getByRole('button', { name: 'Abrir OS' }).click();

    const heading = page.getByRole('heading', { name: /^OS \d+$/, level: 1 });
    await expect(heading).toBeVisible();
    carNumber = Number((await heading.textContent())?.replace(/\D/g, ''));
    await expect(page.getByText(`Cliente: ${CAR_OWNER.name}`)).toBeVisible();
    const details = page.getByRole('region', { name: 'Dados da OS' });
    await expect(details).toContainText('42.350 km');
    await expect(details).toContainText('1/2');
    await expect(page.getByRole('region', { name: 'Serviços' })).toContainText(OIL_CHANGE.name);
    await expect(page.getByRole('region', { name: 'Peças' })).toContainText(OIL_FILTER.name);
    await expect(page.getByRole('region', { name: 'Valores' })).toContainText('R$ 158,90');
    await shot(page, 'car-pt-BR');
  });

  test('admin opens an order for a fridge: seed 004’s example totals', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/repairs/new');
    await expect(page.getByRole('heading', { name: 'Nova ordem de serviço', level: 1 })).toBeVisible();

    await searchAndPick(page, 'Cliente', 'Cláudio', new RegExp(FRIDGE_OWNER.name));
    await expect(page.getByText('Este cliente não tem veículos nem máquinas cadastrados.')).toBeVisible();
    await page.getByRole('button', { name: 'Adicionar eletrodoméstico' }).click();
    const appliance = page.getByRole('region', { name: '2. O que será consertado' });
    await pickOption(page, appliance, 'Tipo de aparelho', 'Geladeira');
    await appliance.getByRole('textbox', { name: 'Marca' }).fill('Brastemp');
    await appliance.getByRole('textbox', { name: 'Modelo' }).fill('BRM45');
    await pickOption(page, appliance, 'Tensão', '220 V');
    await appliance.getByRole('textbox', { name: 'Número de série' }).fill('BRM45-778812');
    await appliance.getByRole('textbox', { name: 'Mão de obra' }).fill('150');
    await appliance
      .getByRole('textbox', { name: 'Observação do cliente sobre este item' })
      .fill('Não está gelando a parte de baixo');
    await page
      .getByRole('textbox', { name: 'Problema relatado' })
      .fill('Geladeira não gela; compressor liga e desliga.');

    await searchAndPick(page, 'Adicionar peça', THERMOSTAT.code, new RegExp(THERMOSTAT.name));
    await searchAndPick(page, 'Adicionar peça', RELAY.code, new RegExp(RELAY.name));
    const relay = page.getByTestId('part-line').filter({ hasText: RELAY.name });
    await relay.getByRole('textbox', { name: 'Qtd. (UN)' }).fill('2');
    await expect(relay).toContainText('R$ 90,00');

    const summary = page.getByRole('region', { name: 'Resumo' });
    await summary.getByRole('textbox', { name: 'Desconto' }).fill('25,50');
    await expect(summary).toContainText('R$ 175,50');
    await expect(summary).toContainText('R$ 150,00');
    await expect(summary.getByTestId('total-preview')).toHaveText('R$ 300,00');
    await shot(page, 'new-fridge-pt-BR');
    await summary.getByRole('button', { name: 'Abrir OS' }).click();

    const heading = page.getByRole('heading', { name: /^OS \d+$/, level: 1 });
    await expect(heading).toBeVisible();
    fridgeNumber = Number((await heading.textContent())?.replace(/\D/g, ''));
    fridgePath = new URL(page.url()).pathname;
    expect(fridgeNumber).toBeGreaterThan(carNumber);

    const totals = page.getByRole('region', { name: 'Valores' });
    const row = (label: string) => totals.getByText(label, { exact: true }).locator('..');
    await expect(row('Peças')).toContainText('R$ 175,50');
    await expect(row('Mão de obra')).toContainText('R$ 150,00');
    await expect(row('Desconto')).toContainText('R$ 25,50');
    await expect(row('Total')).toContainText('R$ 300,00');
    await expect(page.getByRole('region', { name: 'Aparelhos e mão de obra' })).toContainText(
      'Geladeira Brastemp BRM45',
    );
    const parts = page.getByRole('region', { name: 'Peças' });
    await expect(parts).toContainText('1 UN × R$ 85,50');
    await expect(parts).toContainText('2 UN × R$ 45,00');
    await shot(page, 'fridge-pt-BR');
  });

  test('the estimate goes out, the customer approves it on the link without logging in, the shop sees it', async ({
    page,
    browser,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(fridgePath);
    await page.getByRole('tab', { name: /Orçamento/ }).click();
    await page.getByRole('button', { name: 'Enviar orçamento' }).click();
    const dialog = page.getByRole('dialog', { name: `Orçamento da OS ${fridgeNumber}` });
    await expect(dialog).toContainText('R$ 300,00');
    await dialog.getByRole('button', { name: 'Criar e enviar' }).click();
    await expect(dialog).toBeHidden();

    const linkBox = page.getByRole('textbox', { name: 'Link do orçamento para o cliente' });
    await expect(linkBox).toBeVisible();
    customerLink = await linkBox.inputValue();
    expect(customerLink).toMatch(/\/estimate\/[\w.-]+$/);
    await expect(page.getByText('Aguardando aprovação').first()).toBeVisible();
    await shot(page, 'estimate-sent-pt-BR');

    // the customer: another browser, no login, a phone — abroad: the dates stay the shop's (issue 10)
    const customer = await browser.newContext({
      locale: 'pt-BR',
      timezoneId: 'Asia/Tokyo',
      viewport: { width: 390, height: 844 },
    });
    const shopTime = () =>
      new Intl.DateTimeFormat('pt-BR', {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone: 'America/Sao_Paulo',
      }).format(new Date());
    const phone = await customer.newPage();
    await phone.goto(customerLink);
    await expect(
      phone.getByRole('heading', { name: `Orçamento da OS ${fridgeNumber}`, level: 1 }),
    ).toBeVisible();
    await expect(phone.getByText(`Olá, ${FRIDGE_OWNER.name}`)).toBeVisible();
    const choices = phone.getByRole('radiogroup', { name: /^Sua resposta para / });
    await expect(choices).toHaveCount(3);
    for (const choice of await choices.all()) {
      await choice.getByText('Aprovar', { exact: true }).click();
      await expect(choice.getByRole('radio', { name: 'Aprovar' })).toBeChecked();
    }
    await phone.getByRole('textbox', { name: 'Nome completo' }).fill(FRIDGE_OWNER.name);
    await phone.getByRole('checkbox', { name: /Li o orçamento e autorizo/ }).check();
    await shot(phone, 'estimate-public-phone-pt-BR');
    const before = shopTime();
    await phone.getByRole('button', { name: 'Autorizar R$ 300,00' }).click();
    const recorded = phone.getByRole('status').filter({ hasText: 'Resposta registrada' });
    await expect(recorded).toBeVisible();
    await expect(recorded).toContainText(`Respondido por ${FRIDGE_OWNER.name}`);
    const answeredAt = (await recorded.textContent()) ?? '';
    expect(
      [before, shopTime()].some((time) => answeredAt.includes(time)),
      answeredAt,
    ).toBe(true);
    await expect(phone.getByText('Aprovado', { exact: true })).toHaveCount(3);
    await shot(phone, 'estimate-public-decided-phone-pt-BR');
    await customer.close();

    // back at the shop
    await page.reload();
    await page.getByRole('tab', { name: /Orçamento/ }).click();
    const versions = page.getByRole('region', { name: 'Versões' });
    await expect(versions.getByText('Aprovado', { exact: true }).first()).toBeVisible();
    await expect(versions.getByText(`Resposta de ${FRIDGE_OWNER.name}`)).toBeVisible();
    await expect(versions.getByText(/· pelo link$/)).toBeVisible();
    await expect(versions.getByText('− R$ 25,50')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Orçamento para o cliente' })).toContainText('Aprovado');
    await shot(page, 'estimate-approved-pt-BR');
  });

  test('the manager drags the fridge through the board; the final approval waits for the review checklist', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, MANAGER.email, MANAGER.password, 'pt-BR');
    await nav(page, 'pt-BR').getByRole('link', { name: 'Ordens de serviço' }).click();
    const fridge = card(page, fridgeNumber);
    await expect(card(column(page, 'Aguardando aprovação'), fridgeNumber)).toBeVisible();
    await expect(card(column(page, 'Não iniciado'), carNumber)).toBeVisible();
    await shot(page, 'board-pt-BR');

    const moved = (status: string) =>
      page.getByRole('alert').filter({ hasText: `OS nº ${fridgeNumber} movida para ${status}.` });
    await dragCard(page, fridgeNumber, 'Aguardando aprovação', 'Em andamento');
    await expect(moved('Em andamento')).toBeVisible();
    await expect(card(column(page, 'Em andamento'), fridgeNumber)).toBeVisible();

    await dragCard(page, fridgeNumber, 'Em andamento', 'Em revisão');
    await expect(moved('Em revisão')).toBeVisible();
    await expect(card(column(page, 'Em revisão'), fridgeNumber)).toBeVisible();

    // the review is not done: the server refuses and the card goes back
    await dragCard(page, fridgeNumber, 'Em revisão', 'Finalizado');
    const refused = page.getByRole('alert').filter({ hasText: `OS nº ${fridgeNumber} não mudou de status` });
    await expect(refused).toBeVisible();
    await expect(refused).toContainText('Conclua a lista de revisão antes de finalizar');
    await expect(card(column(page, 'Em revisão'), fridgeNumber)).toBeVisible();
    await expect(card(column(page, 'Finalizado'), fridgeNumber)).toHaveCount(0);
    await shot(page, 'board-refused-pt-BR');

    // the review checklist on the order page
    await fridge.getByRole('link', { name: `OS nº ${fridgeNumber}` }).click();
    await expect(page.getByRole('heading', { name: `OS ${fridgeNumber}`, level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Abrir revisão' }).click();
    const checklist = page.getByRole('region', { name: 'Lista de revisão' });
    for (const item of [
      'Todo o serviço foi feito',
      'Peças usadas conforme o planejado',
      'Equipamento testado',
      'Equipamento limpo e pronto para entrega',
    ]) {
      const box = checklist.getByRole('checkbox', { name: item });
      await expect(box).toBeEnabled();
      // the box shows what the server saved: it turns checked when the save comes back
      await box.click();
      await expect(box).toBeChecked();
    }
    await expect(checklist.getByText('Revisão completa: a OS pode ir para a aprovação final.')).toBeVisible();
    await expect(checklist.getByText('4 de 4')).toBeVisible();
    await shot(page, 'checklist-pt-BR');

    await page.getByRole('link', { name: 'Ordens de serviço' }).first().click();
    await expect(card(column(page, 'Em revisão'), fridgeNumber)).toBeVisible();
    await dragCard(page, fridgeNumber, 'Em revisão', 'Finalizado');
    await expect(moved('Finalizado')).toBeVisible();
    await expect(card(column(page, 'Finalizado'), fridgeNumber)).toBeVisible();
    await expect(card(column(page, 'Em revisão'), fridgeNumber)).toHaveCount(0);
    await shot(page, 'board-finished-pt-BR');
  });

  test('the car moves by the card’s “Mover para…” menu', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, MANAGER.email, MANAGER.password, 'pt-BR');
    await page.goto('/repairs');
    const car = card(column(page, 'Não iniciado'), carNumber);
    await car.getByRole('button', { name: `Ações da OS nº ${carNumber}` }).click();
    await page.getByRole('menuitem', { name: 'Em andamento' }).click();
    await expect(card(column(page, 'Em andamento'), carNumber)).toBeVisible();
  });

  test('the finished fridge’s service report downloads as a PDF', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, MANAGER.email, MANAGER.password, 'pt-BR');
    await page.goto(fridgePath);
    await expect(page.getByRole('heading', { name: `OS ${fridgeNumber}`, level: 1 })).toBeVisible();
    await expect(page.getByText('Finalizado').first()).toBeVisible();
    const documents = page.getByRole('region', { name: 'Documentos' });
    const download = page.waitForEvent('download');
    await documents.getByRole('button', { name: 'Relatório do serviço' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`${fridgeNumber}.*\\.pdf$`));
    const bytes = await readFile(await file.path());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  for (const lang of ['es', 'en'] as const satisfies readonly Lang[]) {
    test(`the board in ${lang}`, async ({ page }) => {
      const ui = UI[lang];
      await setLanguage(page, lang);
      await signIn(page, ADMIN.email, ADMIN.password, lang);
      await nav(page, lang).getByRole('link', { name: ui.repairs }).click();
      await expect(page.getByRole('heading', { name: ui.repairs, level: 1 })).toBeVisible();
      await expect(card(column(page, ui.finished, ui.board), fridgeNumber)).toBeAttached();
      // the columns with this journey's cards: in progress, in review, finished
      await scrollToColumn(column(page, ui.inProgress, ui.board));
      await expect(card(column(page, ui.finished, ui.board), fridgeNumber)).toBeInViewport();
      await expect(card(column(page, ui.inProgress, ui.board), carNumber)).toBeInViewport();
      await shot(page, `board-${lang}`);
      await page.goto(fridgePath);
      await expect(
        page.getByRole('heading', { name: `${ui.order} ${fridgeNumber}`, level: 1 }),
      ).toBeVisible();
      await shot(page, `fridge-${lang}`);
    });
  }

  test('works at phone width', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await setLanguage(page, 'pt-BR');
    await signIn(page, MANAGER.email, MANAGER.password, 'pt-BR');
    await page.goto('/repairs');
    await expect(page.getByRole('heading', { name: 'Ordens de serviço', level: 1 })).toBeVisible();
    // one column at a time: the buttons above the board jump to the others
    await page.getByRole('button', { name: /^Em andamento · \d+$/ }).click();
    await expect(card(column(page, 'Em andamento'), carNumber)).toBeInViewport();
    await shot(page, 'board-phone-pt-BR');
    await page.goto(fridgePath);
    await expect(page.getByRole('heading', { name: `OS ${fridgeNumber}`, level: 1 })).toBeVisible();
    await shot(page, 'fridge-phone-pt-BR');
    // nothing wider than the screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
