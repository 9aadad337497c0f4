import { expect, type Locator, type Page, test } from '@playwright/test';
import { ADMIN, type Lang, nav, shot as screenshot, setLanguage, signIn, withDatabase } from './support.js';

const CUSTOMER = {
  name: 'João Antônio Conceição',
  cpf: '52998224725',
  phone: '11987654321',
  email: 'joao.conceicao@exemplo.com.br',
};

/** The names the journey looks for, per language. */
const UI = {
  'pt-BR': {
    customers: 'Clientes',
    search: 'Buscar cliente, documento, telefone, placa…',
    searchButton: 'Buscar cliente, documento, telefone ou placa',
    tabs: { data: 'Dados', assets: 'Bens', history: 'Histórico', notes: 'Notas', consents: 'Consentimentos' },
    noOrders: 'Nenhuma ordem de serviço ainda',
    perMonth: 'Ordens por mês (últimos 12 meses)',
  },
  es: {
    customers: 'Clientes',
    search: 'Buscar cliente, documento, teléfono, patente…',
    searchButton: 'Buscar cliente, documento, teléfono o patente',
    tabs: {
      data: 'Datos',
      assets: 'Equipos',
      history: 'Historial',
      notes: 'Notas',
      consents: 'Consentimientos',
    },
    noOrders: 'Todavía no hay órdenes de servicio',
    perMonth: 'Órdenes por mes (últimos 12 meses)',
  },
  en: {
    customers: 'Customers',
    search: 'Search customer, document, phone, plate…',
    searchButton: 'Search customer, document, phone or plate',
    tabs: { data: 'Details', assets: 'Assets', history: 'History', notes: 'Notes', consents: 'Consents' },
    noOrders: 'No service orders yet',
    perMonth: 'Orders per month (last 12 months)',
  },
} as const;

/** A full-page picture from the top, so the fixed header is not drawn over a scrolled form. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

// set by the first journey, visited again in the other languages and at phone width
let customerPath = '';
let carPath = '';

async function openTab(page: Page, name: string) {
  const tab = page.getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

async function pickOption(page: Page, scope: Page | Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.describe('customers and assets', () => {
  test.describe.configure({ mode: 'serial' });

  test('admin creates a customer with a car and a fridge, finds the car by its Mercosul plate and opens the history', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await nav(page, 'pt-BR').getByRole('link', { name: 'Clientes' }).click();
    await expect(page.getByRole('heading', { name: 'Clientes', level: 1 })).toBeVisible();
    await expect(page.getByText('Nenhum cliente cadastrado')).toBeVisible();
    await shot(page, 'customers-empty-pt-BR');

    // the customer: accents in the name, the CPF typed without its mask
    await page.getByRole('link', { name: 'Novo cliente' }).first().click();
    await expect(page.getByRole('heading', { name: 'Novo cliente', level: 1 })).toBeVisible();
    await page.getByRole('textbox', { name: 'Nome completo' }).fill(CUSTOMER.name);
    const cpf = page.getByRole('textbox', { name: 'CPF', exact: true });
    await cpf.fill(CUSTOMER.cpf);
    await expect(cpf).toHaveValue('529.982.247-25');
    const phone = page.getByRole('textbox', { name: 'Telefone principal' });
    await phone.fill(CUSTOMER.phone);
    await expect(phone).toHaveValue('(11) 98765-4321');
    await page.getByRole('textbox', { name: 'E-mail' }).fill(CUSTOMER.email);
    const cep = page.getByRole('textbox', { name: 'CEP' });
    await cep.fill('01310100');
    await expect(cep).toHaveValue('01310-100');
    await page.getByRole('textbox', { name: 'Rua' }).fill('Avenida Paulista');
    await page.getByRole('textbox', { name: 'Número', exact: true }).fill('1000');
    await page.getByRole('textbox', { name: 'Bairro' }).fill('Bela Vista');
    await page.getByRole('textbox', { name: 'Cidade' }).fill('São Paulo');
    await page.getByRole('combobox', { name: 'UF' }).fill('SP');
    await page.getByRole('option', { name: 'SP', exact: true }).click();
    await page.getByRole('checkbox', { name: 'WhatsApp', exact: true }).check();
    await shot(page, 'customer-new-pt-BR');
    await page.getByRole('button', { name: 'Cadastrar cliente' }).click();

    await expect(page.getByRole('heading', { name: CUSTOMER.name, level: 1 })).toBeVisible();
    customerPath = new URL(page.url()).pathname;
    await expect(page.getByRole('tab', { name: 'Bens' })).toHaveAttribute('aria-selected', 'true');

    // a car with the old plate layout
    await page.getByRole('button', { name: 'Adicionar bem' }).click();
    const dialog = page.getByRole('dialog', { name: 'Novo bem' });
    await dialog.getByRole('textbox', { name: 'Marca' }).fill('Volkswagen');
    await dialog.getByRole('textbox', { name: 'Modelo' }).fill('Gol');
    await dialog.getByRole('textbox', { name: 'Ano' }).fill('2014');
    const plate = dialog.getByRole('textbox', { name: 'Placa' });
    await plate.fill('ABC1234');
    await expect(plate).toHaveValue('ABC-1234');
    await dialog.getByRole('textbox', { name: 'Cor' }).fill('Prata');
    await pickOption(page, dialog, 'Combustível', 'Flex');
    await dialog.getByRole('textbox', { name: 'Odômetro atual (km)' }).fill('85000');
    await shot(page, 'asset-new-vehicle-pt-BR');
    await dialog.getByRole('button', { name: 'Cadastrar bem' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('link', { name: /Volkswagen Gol 2014/ })).toBeVisible();

    // a fridge: seed 004's type, shown translated, sent verbatim
    await page.getByRole('button', { name: 'Adicionar bem' }).click();
    await dialog.getByText('Eletrodoméstico', { exact: true }).click();
    await pickOption(page, dialog, 'Tipo de aparelho', 'Geladeira');
    await dialog.getByRole('textbox', { name: 'Marca' }).fill('Brastemp');
    await dialog.getByRole('textbox', { name: 'Modelo' }).fill('BRM45');
    await pickOption(page, dialog, 'Tensão', 'Bivolt');
    await dialog.getByRole('textbox', { name: 'Número de série' }).fill('ABC123456');
    await shot(page, 'asset-new-appliance-pt-BR');
    await dialog.getByRole('button', { name: 'Cadastrar bem' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('link', { name: /Geladeira Brastemp BRM45/ })).toBeVisible();
    await shot(page, 'customer-assets-pt-BR');

    await openTab(page, 'Dados');
    await expect(page.getByText('529.982.247-25').first()).toBeVisible();
    await expect(page.getByText('(11) 98765-4321')).toBeVisible();
    await shot(page, 'customer-data-pt-BR');

    // the header's search: the Mercosul spelling finds the car registered with the old plate
    const search = page.getByRole('searchbox', { name: UI['pt-BR'].search });
    await search.fill('ABC1C34');
    const car = page.getByRole('option', { name: /ABC-1234/ });
    await expect(car).toBeVisible();
    await expect(car).toContainText('Placa');
    await expect(car).toContainText(CUSTOMER.name);
    await shot(page, 'search-plate-pt-BR');
    await search.press('Enter');

    await expect(page.getByRole('heading', { name: /Volkswagen Gol/, level: 1 })).toBeVisible();
    carPath = new URL(page.url()).pathname;
    await expect(page.getByText('85.000 km').first()).toBeVisible();
    await expect(page.getByText(UI['pt-BR'].noOrders)).toBeVisible();
    await shot(page, 'asset-pt-BR');

    // the owner's history: no service orders yet
    await page.getByRole('link', { name: CUSTOMER.name }).first().click();
    await openTab(page, 'Histórico');
    await expect(page.getByText(UI['pt-BR'].noOrders)).toBeVisible();
    await expect(page.getByText('Bem cadastrado').first()).toBeVisible();
    await shot(page, 'customer-history-pt-BR');

    await openTab(page, 'Consentimentos');
    await expect(page.getByText('Autorizou').first()).toBeVisible();
    await shot(page, 'customer-consents-pt-BR');

    // a name typed without its accent
    await search.fill('joao');
    const joao = page.getByRole('option', { name: /João Antônio Conceição/ });
    await expect(joao).toBeVisible();
    await shot(page, 'search-name-pt-BR');
    await joao.click();
    await expect(page.getByRole('heading', { name: CUSTOMER.name, level: 1 })).toBeVisible();

    await nav(page, 'pt-BR').getByRole('link', { name: 'Clientes' }).click();
    await expect(page.getByRole('table').getByRole('link', { name: CUSTOMER.name })).toBeVisible();
    await expect(page.getByRole('table').getByText('529.982.247-25')).toBeVisible();
    await shot(page, 'customers-pt-BR');
  });

  test('a CPF already on file is refused on its field; an edit of e-mail and notes is saved', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/customers/new');
    await page.getByRole('textbox', { name: 'Nome completo' }).fill('Outro João');
    await page.getByRole('textbox', { name: 'CPF', exact: true }).fill('529.982.247-25');
    await page.getByRole('button', { name: 'Cadastrar cliente' }).click();
    await expect(page.getByText('Já existe um cliente com este documento')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'CPF', exact: true })).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    await page.goto(customerPath);
    await page.getByRole('button', { name: 'Editar' }).click();
    const drawer = page.getByRole('dialog', { name: `Editar ${CUSTOMER.name}` });
    await drawer.getByRole('textbox', { name: 'E-mail' }).fill('joao@oficina-cliente.com.br');
    await drawer
      .getByRole('textbox', { name: 'Observações internas' })
      .fill('Prefere ser atendido de manhã.');
    await drawer.getByRole('button', { name: 'Salvar' }).click();
    await expect(drawer).toBeHidden();
    await expect(page.getByText('joao@oficina-cliente.com.br')).toBeVisible();
    await openTab(page, 'Notas');
    await expect(page.getByText('Prefere ser atendido de manhã.')).toBeVisible();
  });

  test('the history shows service orders, visit frequency and orders per month', async ({ page }) => {
    // service orders are created through the API from issue 5 on; here real rows go straight into the
    // app's database, as the server's history tests do
    const now = new Date();
    const at = (back: number) => new Date(now.getFullYear(), now.getMonth() - back, 10, 9, 30);
    const customerId = customerPath.split('/').pop()!;
    const assetId = carPath.split('/').pop()!;
    await withDatabase(async (db) => {
      const orders = [
        [1, 5, 'FINALIZADO', 32090, 'Troca de óleo e filtro'],
        [2, 2, 'FINALIZADO', 125000, 'Revisão dos 80.000 km'],
        [3, 0, 'EM_ANDAMENTO', 48050, 'Troca de pastilhas de freio'],
      ] as const;
      for (const [number, back, status, totalCents, serviceType] of orders) {
        await db.query(
          `INSERT INTO repairs (organization_id, customer_id, asset_id, number, status, service_type, total_cents, received_at)
           SELECT organization_id, id, $2, $3, $4, $5, $6, $7 FROM customers WHERE id = $1`,
          [customerId, assetId, number, status, serviceType, totalCents, at(back)],
        );
      }
      // orders written by hand move the shop's number counter past them (decision 0005)
      await db.query(
        `INSERT INTO number_counters (organization_id, kind, value)
         SELECT organization_id, 'repair', max(number) FROM repairs GROUP BY organization_id
         ON CONFLICT (organization_id, kind) DO UPDATE SET value = GREATEST(number_counters.value, EXCLUDED.value)`,
      );
    });
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(`${customerPath}?tab=history`);
    await expect(page.getByText('OS nº 2')).toBeVisible();
    await expect(page.getByText('R$ 1.250,00')).toBeVisible();
    await expect(page.getByText('Em andamento')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Ordens por mês (últimos 12 meses)' })).toBeVisible();
    await shot(page, 'customer-history-orders-pt-BR');
  });

  test('the QR label opens a printable view of the car', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(carPath);
    await page.getByRole('link', { name: 'Imprimir etiqueta' }).click();
    await expect(page.getByRole('img', { name: /Código QR de Volkswagen Gol/ })).toBeVisible();
    await expect(page.getByText('ABC-1234')).toBeVisible();
    await shot(page, 'asset-label-pt-BR');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Menu principal' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Imprimir', exact: true })).toBeHidden();
    await shot(page, 'asset-label-print-pt-BR');
  });

  test('a lower odometer reading is refused unless recorded as a correction with a reason', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(carPath);
    const reading = page.getByRole('textbox', { name: 'Nova leitura (km)' });
    await reading.fill('90000');
    await page.getByRole('button', { name: 'Registrar leitura' }).click();
    await expect(page.getByText('90.000 km').first()).toBeVisible();

    await reading.fill('80000');
    await page.getByRole('button', { name: 'Registrar leitura' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'menor que a anterior' });
    await expect(refusal).toBeVisible();
    await page.getByRole('checkbox', { name: /Registrar como correção/ }).check();
    await page.getByRole('textbox', { name: 'Motivo da correção' }).fill('Painel de instrumentos trocado');
    await shot(page, 'asset-reading-correction-pt-BR');
    await page.getByRole('button', { name: 'Registrar leitura' }).click();
    await expect(refusal).toBeHidden();
    await expect(page.getByRole('table', { name: 'Leituras' }).getByText('Correção')).toBeVisible();
    await expect(page.getByText('80.000 km').first()).toBeVisible();
  });

  test('a CSV import reports every invalid row before writing anything, then imports all rows', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/customers');
    const header = 'name;kind;document;phone;city;asset_kind;plate;brand;model;type;voltage';
    const good = 'Maria Souza;PF;111.444.777-35;(21) 99876-5432;Niterói;vehicle;BRA2E19;Fiat;Uno;;';
    const bad = 'Oficina do Zé;PJ;11.111.111/1111-11;;Santos;appliance;;Consul;CRM35;Geladeira;110';
    const file = (name: string, rows: string[]) => ({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows].join('\n'), 'utf-8'),
    });
    const dialog = page.getByRole('dialog', { name: 'Importar clientes de uma planilha' });
    // the file input is hidden behind Mantine's button: answer the browser's file chooser
    const choose = async (files: ReturnType<typeof file>) => {
      const chooser = page.waitForEvent('filechooser');
      await dialog.getByRole('button', { name: 'Arquivo CSV' }).click();
      await (await chooser).setFiles(files);
    };

    await page.getByRole('button', { name: 'Importar CSV' }).click();
    await choose(file('clientes.csv', [good, bad]));
    const problems = dialog.getByRole('table', { name: 'Problemas encontrados' });
    await expect(problems).toBeVisible();
    await expect(problems.getByRole('row').filter({ hasText: 'document' })).toContainText('3');
    await expect(dialog.getByRole('button', { name: /^Importar \d+ linha/ })).toBeDisabled();
    await shot(page, 'customers-import-dry-run-pt-BR');

    await choose(file('clientes-corrigido.csv', [good]));
    await expect(dialog.getByText('Tudo certo: 1 linha pronta para importar.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Importar 1 linha' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Importação concluída' })).toBeVisible();
    await shot(page, 'customers-import-done-pt-BR');
    await dialog.getByRole('button', { name: 'Fechar' }).click();
    await expect(page.getByRole('table').getByRole('link', { name: 'Maria Souza' })).toBeVisible();

    // the export carries the filtered list
    await page.getByRole('textbox', { name: 'Cidade' }).fill('Niterói');
    await expect(page.getByRole('table').getByRole('link', { name: CUSTOMER.name })).toBeHidden();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar CSV' }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toMatch(/^clientes-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await (await csv.createReadStream()).toArray();
    const content = Buffer.concat(text).toString('utf-8');
    expect(content).toContain('Maria Souza');
    expect(content).not.toContain(CUSTOMER.name);
  });

  for (const lang of ['es', 'en'] as Lang[]) {
    test(`the customer screens in ${lang}`, async ({ page }) => {
      const ui = UI[lang];
      await setLanguage(page, lang);
      await signIn(page, ADMIN.email, ADMIN.password, lang);
      await nav(page, lang).getByRole('link', { name: ui.customers }).click();
      await expect(page.getByRole('heading', { name: ui.customers, level: 1 })).toBeVisible();
      await expect(page.getByRole('table').getByRole('link', { name: CUSTOMER.name })).toBeVisible();
      await shot(page, `customers-${lang}`);

      await page.getByRole('table').getByRole('link', { name: CUSTOMER.name }).click();
      await expect(page.getByRole('heading', { name: CUSTOMER.name, level: 1 })).toBeVisible();
      await shot(page, `customer-data-${lang}`);
      await openTab(page, ui.tabs.assets);
      await expect(page.getByRole('link', { name: /Volkswagen Gol 2014/ })).toBeVisible();
      await shot(page, `customer-assets-${lang}`);
      await openTab(page, ui.tabs.history);
      // by now the history test has given this customer real service orders
      await expect(page.getByRole('img', { name: ui.perMonth })).toBeVisible();
      await shot(page, `customer-history-${lang}`);

      await page.getByRole('searchbox', { name: ui.search }).fill('ABC1234');
      await page.getByRole('option', { name: /ABC-1234/ }).click();
      await expect(page.getByRole('heading', { name: /Volkswagen Gol/, level: 1 })).toBeVisible();
      await shot(page, `asset-${lang}`);
    });
  }

  test('works at phone width', async ({ page }) => {
    const ui = UI['pt-BR'];
    await page.setViewportSize({ width: 390, height: 844 });
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/customers');
    await expect(page.getByRole('heading', { name: ui.customers, level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: new RegExp(CUSTOMER.name) })).toBeVisible();
    await shot(page, 'phone-customers-pt-BR');

    // the search is an icon that opens a full-screen search
    await page.getByRole('button', { name: ui.searchButton }).click();
    await page.getByRole('searchbox', { name: ui.search }).fill('abc-1234');
    await expect(page.getByRole('option', { name: /ABC-1234/ })).toBeVisible();
    await shot(page, 'phone-search-pt-BR');
    await page.getByRole('option', { name: /ABC-1234/ }).click();
    await expect(page.getByRole('heading', { name: /Volkswagen Gol/, level: 1 })).toBeVisible();
    await shot(page, 'phone-asset-pt-BR');

    await page.goto(customerPath);
    await expect(page.getByRole('heading', { name: CUSTOMER.name, level: 1 })).toBeVisible();
    await shot(page, 'phone-customer-data-pt-BR');
    await openTab(page, ui.tabs.assets);
    await shot(page, 'phone-customer-assets-pt-BR');
    await openTab(page, ui.tabs.history);
    // by now the history test has given this customer real service orders
    await expect(page.getByRole('img', { name: ui.perMonth })).toBeVisible();
    await shot(page, 'phone-customer-history-pt-BR');

    await page.goto('/customers/new');
    await expect(page.getByRole('textbox', { name: 'Nome completo' })).toBeVisible();
    await shot(page, 'phone-customer-new-pt-BR');

    // nothing wider than the screen
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('the car moves to another customer and keeps its history', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto(carPath);
    await page.getByRole('button', { name: 'Mais ações do bem' }).click();
    await page.getByRole('menuitem', { name: 'Transferir para outro cliente' }).click();
    const dialog = page.getByRole('dialog', { name: 'Transferir bem' });
    await dialog.getByRole('combobox', { name: 'Novo dono' }).fill('Maria');
    await page.getByRole('option', { name: /Maria Souza/ }).click();
    await dialog.getByRole('textbox', { name: 'Motivo (opcional)' }).fill('Carro vendido');
    await dialog.getByRole('button', { name: 'Transferir' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('link', { name: 'Maria Souza' }).first()).toBeVisible();
    await expect(page.getByText(/Transferido de João Antônio Conceição para Maria Souza/)).toBeVisible();
    await shot(page, 'asset-transferred-pt-BR');
  });

  test('deleting a customer asks first, then the customer leaves the list', async ({ page }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/customers?q=Maria');
    await page.getByRole('table').getByRole('link', { name: 'Maria Souza' }).click();
    await page.getByRole('button', { name: 'Mais ações', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Excluir cliente' }).click();
    const dialog = page.getByRole('dialog', { name: 'Excluir cliente' });
    await expect(dialog).toContainText('Maria Souza');
    await dialog.getByRole('button', { name: 'Excluir', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Clientes', level: 1 })).toBeVisible();
    await expect(page.getByRole('table').getByRole('link', { name: 'Maria Souza' })).toHaveCount(0);
  });
});
