import { expect, type Page, test } from '@playwright/test';
import { ADMIN, type Lang, nav, shot as screenshot, setLanguage, signIn } from './support.js';

const SUPPLIER = {
  name: 'Refrigeração Paulista Ltda',
  cnpj: '11222333000181',
  email: 'vendas@refripaulista.test',
};
const PART = { code: 'TERM-001', name: 'Termostato', price: '85,50' };
const TECH = {
  name: 'Bruna Ferramenteira',
  email: 'bruna.ferramentas@oficina.test',
  password: 'bruna-pass-123',
};
const TOOL = { code: 'FER-010', name: 'Multímetro Fluke 117', category: 'Elétrica' };

/** The names the journey looks for in the other languages. */
const UI = {
  es: { inventory: 'Inventario', purchasing: 'Compras', lines: 'Ítems', movements: 'Movimientos' },
  en: { inventory: 'Inventory', purchasing: 'Purchasing', lines: 'Lines', movements: 'Stock movements' },
} as const;

/** A full-page picture from the top, so the fixed header is not drawn over a scrolled page. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** The figure under a label of the component's stock summary. */
function figure(page: Page, label: string) {
  return page
    .getByRole('region', { name: 'Resumo do estoque' })
    .getByText(label, { exact: true })
    .locator('..');
}

// set by the journey, visited again in the other languages and at phone width
let componentPath = '';
let orderPath = '';

test.describe('inventory and purchasing', () => {
  test.describe.configure({ mode: 'serial' });

  test('admin creates a part below its minimum, adjusts it, orders it from the suggestion, sends and receives the order in two parts', async ({
    page,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');

    // the supplier the part comes from
    await nav(page, 'pt-BR').getByRole('link', { name: 'Fornecedores' }).click();
    await expect(page.getByRole('heading', { name: 'Fornecedores', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Novo fornecedor' }).first().click();
    const supplierDialog = page.getByRole('dialog', { name: 'Novo fornecedor' });
    await supplierDialog.getByRole('textbox', { name: 'Razão social ou nome' }).fill(SUPPLIER.name);
    const cnpj = supplierDialog.getByRole('textbox', { name: 'CNPJ', exact: true });
    await cnpj.fill(SUPPLIER.cnpj);
    await expect(cnpj).toHaveValue('11.222.333/0001-81');
    await supplierDialog.getByRole('textbox', { name: 'E-mail', exact: true }).fill(SUPPLIER.email);
    const phone = supplierDialog.getByRole('textbox', { name: 'Telefone', exact: true });
    await phone.fill('1133334444');
    await expect(phone).toHaveValue('(11) 3333-4444');
    await supplierDialog.getByRole('textbox', { name: 'Prazo de entrega' }).fill('5');
    await supplierDialog.getByRole('button', { name: 'Cadastrar fornecedor' }).click();
    await expect(page.getByRole('heading', { name: SUPPLIER.name, level: 1 })).toBeVisible();

    // the part: seed 004's thermostat, 2 in stock and a minimum of 5
    await nav(page, 'pt-BR').getByRole('link', { name: 'Estoque' }).click();
    await expect(page.getByRole('heading', { name: 'Estoque', level: 1 })).toBeVisible();
    await expect(page.getByText('Nenhum componente cadastrado')).toBeVisible();
    await page.getByRole('button', { name: 'Novo componente' }).first().click();
    const partDialog = page.getByRole('dialog', { name: 'Novo componente' });
    await partDialog.getByRole('textbox', { name: 'Código', exact: true }).fill(PART.code);
    await partDialog.getByRole('textbox', { name: 'Nome', exact: true }).fill(PART.name);
    await partDialog.getByRole('textbox', { name: 'Descrição' }).fill('Termostato para geladeiras');
    await partDialog.getByRole('textbox', { name: 'Preço de venda' }).fill(PART.price);
    await partDialog.getByRole('textbox', { name: 'Custo' }).fill('40');
    await partDialog.getByRole('textbox', { name: 'Estoque inicial' }).fill('2');
    await partDialog.getByRole('textbox', { name: 'Estoque mínimo' }).fill('5');
    await partDialog.getByRole('textbox', { name: 'Localização' }).fill('A-03');
    await partDialog.getByLabel('Categoria', { exact: true }).fill('Refrigeração');
    await partDialog.getByRole('combobox', { name: 'Fornecedor' }).click();
    await page.getByRole('option', { name: SUPPLIER.name }).click();
    await shot(page, 'component-new-pt-BR');
    await partDialog.getByRole('button', { name: 'Cadastrar componente' }).click();

    await expect(page.getByRole('heading', { name: PART.name, level: 1 })).toBeVisible();
    componentPath = new URL(page.url()).pathname;
    await expect(page.getByText('Abaixo do mínimo').first()).toBeVisible();
    await expect(figure(page, 'Disponível')).toContainText('2 UN');

    // +1 with a reason
    await page.getByRole('button', { name: 'Ajustar estoque' }).click();
    const adjust = page.getByRole('dialog', { name: 'Ajustar estoque' });
    await adjust.getByRole('textbox', { name: 'Quantidade' }).fill('1');
    await expect(adjust.getByText('Depois do ajuste: 3 UN')).toBeVisible();
    await adjust.getByRole('textbox', { name: 'Motivo' }).fill('Contagem do inventário');
    await adjust.getByRole('button', { name: 'Registrar ajuste' }).click();
    await expect(adjust).toBeHidden();
    await expect(figure(page, 'Disponível')).toContainText('3 UN');
    const movements = page.getByRole('table', { name: 'Movimentações' });
    const adjustment = movements.getByRole('row').filter({ hasText: 'Contagem do inventário' });
    await expect(adjustment).toContainText('Ajuste');
    await expect(adjustment).toContainText('+1');
    await expect(movements.getByRole('row').filter({ hasText: 'Entrada' })).toContainText('+2');
    await shot(page, 'component-pt-BR');

    await nav(page, 'pt-BR').getByRole('link', { name: 'Estoque' }).click();
    const row = page
      .getByRole('table', { name: 'Componentes' })
      .getByRole('row')
      .filter({ hasText: PART.code });
    await expect(row).toContainText('R$ 85,50');
    await expect(row).toContainText('baixo');
    await shot(page, 'components-pt-BR');

    // the suggestion: 3 in stock, minimum 5 → 7 to order
    await nav(page, 'pt-BR').getByRole('link', { name: 'Compras' }).click();
    await page.getByRole('tab', { name: 'Sugestões de reposição' }).click();
    const group = page.getByRole('region', { name: SUPPLIER.name });
    await expect(group.getByRole('row').filter({ hasText: PART.name })).toContainText('7 UN');
    await shot(page, 'purchase-suggestions-pt-BR');
    await group.getByRole('button', { name: `Criar pedido para ${SUPPLIER.name}` }).click();

    await expect(page.getByRole('heading', { name: /Pedido nº \d+/, level: 1 })).toBeVisible();
    orderPath = new URL(page.url()).pathname;
    await expect(page.getByText('Rascunho', { exact: true }).first()).toBeVisible();
    await shot(page, 'purchase-order-draft-pt-BR');

    await page.getByRole('button', { name: 'Enviar ao fornecedor' }).click();
    const send = page.getByRole('dialog', { name: /Enviar o pedido nº/ });
    await send.getByRole('button', { name: 'Enviar pedido' }).click();
    await expect(send).toBeHidden();
    await expect(page.getByText('Enviado', { exact: true }).first()).toBeVisible();
    await expect(page.getByText(/foi registrado na caixa de saída/)).toBeVisible();

    // 3 now, the other 4 later
    await page.getByRole('button', { name: 'Receber', exact: true }).click();
    const receive = page.getByRole('dialog', { name: /Receber o pedido nº/ });
    const quantity = receive.getByRole('textbox', { name: `Quantidade recebida de ${PART.name}` });
    await expect(quantity).toHaveValue('7');
    await quantity.fill('3');
    await receive.getByRole('button', { name: 'Registrar recebimento' }).click();
    await expect(receive).toBeHidden();
    await expect(page.getByText('Recebido em parte', { exact: true }).first()).toBeVisible();

    // more than what is still to come is refused on its line
    await page.getByRole('button', { name: 'Receber', exact: true }).click();
    await expect(quantity).toHaveValue('4');
    await quantity.fill('5');
    await receive.getByRole('button', { name: 'Registrar recebimento' }).click();
    await expect(receive.getByRole('alert').first()).toBeVisible();
    await expect(quantity).toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'purchase-order-over-receipt-pt-BR');
    await quantity.fill('4');
    await receive.getByRole('button', { name: 'Registrar recebimento' }).click();
    await expect(receive).toBeHidden();
    await expect(page.getByRole('button', { name: 'Receber', exact: true })).toHaveCount(0);
    await expect(page.getByText('Recebido', { exact: true }).first()).toBeVisible();
    await shot(page, 'purchase-order-pt-BR');

    // 3 + 7 received
    await page.getByRole('link', { name: PART.name }).first().click();
    await expect(page.getByRole('heading', { name: PART.name, level: 1 })).toBeVisible();
    await expect(figure(page, 'Disponível')).toContainText('10 UN');
    await expect(page.getByText('Abaixo do mínimo')).toHaveCount(0);
    await expect(movements.getByRole('row').filter({ hasText: 'Entrada' })).toHaveCount(3);
    await shot(page, 'component-received-pt-BR');

    // the supplier's page lists the part with its cost
    await page.getByRole('link', { name: SUPPLIER.name }).click();
    await expect(page.getByRole('heading', { name: SUPPLIER.name, level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Peças fornecidas' })).toContainText(PART.code);
    await shot(page, 'supplier-pt-BR');
  });

  test('tools: check-out to a technician, a second check-out is refused, check-in to maintenance and back', async ({
    page,
    browser,
  }) => {
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');

    // a technician to lend the tool to
    await nav(page, 'pt-BR').getByRole('link', { name: 'Usuários' }).click();
    await page.getByRole('button', { name: 'Novo usuário' }).click();
    const userDialog = page.getByRole('dialog');
    await userDialog.getByRole('textbox', { name: 'Nome', exact: true }).fill(TECH.name);
    await userDialog.getByRole('textbox', { name: 'E-mail', exact: true }).fill(TECH.email);
    await userDialog.getByLabel('Senha inicial', { exact: false }).fill(TECH.password);
    await userDialog.getByRole('combobox', { name: 'Perfil' }).click();
    await page.getByRole('option', { name: 'Técnico' }).click();
    await userDialog.getByRole('button', { name: 'Cadastrar usuário' }).click();
    await expect(userDialog).toBeHidden();

    await nav(page, 'pt-BR').getByRole('link', { name: 'Ferramentas' }).click();
    await expect(page.getByRole('heading', { name: 'Ferramentas', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Nova ferramenta' }).first().click();
    const toolDialog = page.getByRole('dialog', { name: 'Nova ferramenta' });
    await toolDialog.getByRole('textbox', { name: 'Código', exact: true }).fill(TOOL.code);
    await toolDialog.getByRole('textbox', { name: 'Nome', exact: true }).fill(TOOL.name);
    await toolDialog.getByRole('textbox', { name: 'Categoria' }).fill(TOOL.category);
    await toolDialog.getByRole('button', { name: 'Cadastrar ferramenta' }).click();
    await expect(toolDialog).toBeHidden();
    const available = page.getByRole('region', { name: 'Disponíveis' });
    await expect(available.getByText(TOOL.name)).toBeVisible();

    // someone else takes it while the dialog is open
    await page.getByRole('button', { name: `Retirar ${TOOL.name}` }).click();
    const checkout = page.getByRole('dialog', { name: `Retirar ${TOOL.name}` });
    await checkout.getByRole('combobox', { name: 'Técnico' }).click();
    await page.getByRole('option', { name: TECH.name }).click();
    const other = await browser.newPage();
    await setLanguage(other, 'pt-BR');
    await signIn(other, ADMIN.email, ADMIN.password, 'pt-BR');
    await other.goto('/tools');
    await other.getByRole('button', { name: `Retirar ${TOOL.name}` }).click();
    const otherDialog = other.getByRole('dialog', { name: `Retirar ${TOOL.name}` });
    await otherDialog.getByRole('combobox', { name: 'Técnico' }).click();
    await other.getByRole('option', { name: TECH.name }).click();
    await otherDialog.getByRole('button', { name: 'Registrar retirada' }).click();
    await expect(otherDialog).toBeHidden();
    await other.close();

    await checkout.getByRole('button', { name: 'Registrar retirada' }).click();
    await expect(checkout.getByText('Alguém chegou antes')).toBeVisible();
    await shot(page, 'tool-checkout-conflict-pt-BR');
    await checkout.getByRole('button', { name: 'Cancelar' }).click();

    const inUse = page.getByRole('region', { name: 'Em uso' });
    await expect(inUse.getByText(`Com ${TECH.name}`)).toBeVisible();
    await shot(page, 'tools-pt-BR');

    await page.getByRole('button', { name: `Devolver ${TOOL.name}` }).click();
    const checkin = page.getByRole('dialog', { name: `Devolver ${TOOL.name}` });
    await checkin.getByRole('textbox', { name: 'Observação' }).fill('Ponta de prova partida');
    await checkin.getByRole('checkbox', { name: /Enviar para manutenção/ }).check();
    await checkin.getByRole('button', { name: 'Registrar devolução' }).click();
    await expect(checkin).toBeHidden();
    const maintenance = page.getByRole('region', { name: 'Em manutenção' });
    await expect(maintenance.getByText(TOOL.name)).toBeVisible();
    await maintenance.getByRole('button', { name: 'Voltar a disponível' }).click();
    await expect(available.getByText(TOOL.name)).toBeVisible();

    await page.getByRole('button', { name: `Histórico de ${TOOL.name}` }).click();
    const history = page.getByRole('dialog', { name: `Histórico de ${TOOL.name}` });
    await expect(history.getByText('Ponta de prova partida')).toBeVisible();
    await expect(history.getByText('Retirada', { exact: true })).toBeVisible();
    await shot(page, 'tool-history-pt-BR');
  });

  for (const lang of ['es', 'en'] as const satisfies readonly Lang[]) {
    test(`the inventory screens in ${lang}`, async ({ page }) => {
      const ui = UI[lang];
      await setLanguage(page, lang);
      await signIn(page, ADMIN.email, ADMIN.password, lang);
      await nav(page, lang).getByRole('link', { name: ui.inventory }).click();
      await expect(page.getByRole('heading', { name: ui.inventory, level: 1 })).toBeVisible();
      await expect(page.getByRole('link', { name: PART.name }).first()).toBeVisible();
      await shot(page, `components-${lang}`);
      await page.goto(componentPath);
      await expect(page.getByRole('table', { name: ui.movements })).toBeVisible();
      await shot(page, `component-${lang}`);
      await page.goto(orderPath);
      await expect(page.getByRole('table', { name: ui.lines })).toBeVisible();
      await shot(page, `purchase-order-${lang}`);
    });
  }

  test('works at phone width', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await setLanguage(page, 'pt-BR');
    await signIn(page, ADMIN.email, ADMIN.password, 'pt-BR');
    await page.goto('/inventory');
    await expect(page.getByRole('heading', { name: 'Estoque', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: new RegExp(PART.name) }).first()).toBeVisible();
    await shot(page, 'components-phone-pt-BR');
    await page.goto(componentPath);
    await expect(page.getByRole('heading', { name: PART.name, level: 1 })).toBeVisible();
    await shot(page, 'component-phone-pt-BR');
    await page.goto(orderPath);
    await expect(page.getByRole('heading', { name: /Pedido nº/, level: 1 })).toBeVisible();
    await shot(page, 'purchase-order-phone-pt-BR');
    await page.goto('/tools');
    await expect(page.getByRole('region', { name: 'Disponíveis' }).getByText(TOOL.name)).toBeVisible();
    await shot(page, 'tools-phone-pt-BR');
  });
});
