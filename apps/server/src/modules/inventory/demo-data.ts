import {
  type ComponentCreate,
  ComponentCreateSchema,
  PurchaseOrderCreateSchema,
  ReceiptSchema,
  type SupplierCreate,
  SupplierCreateSchema,
  SupplierUpdateSchema,
  ToolCheckoutSchema,
  type ToolCreate,
  ToolCreateSchema,
  ToolUpdateSchema,
} from '@bancada/shared';
import type { AuthedContext } from '../../platform/context.js';
import { makeCnpj } from '../../platform/demo-documents.js';
import type { Services } from '../../services.js';

type DemoSupplier = Omit<SupplierCreate, 'components'> & { key: string };
type DemoComponent = ComponentCreate & { supplierKey: string };

export const DEMO_SUPPLIERS: DemoSupplier[] = [
  {
    key: 'refri',
    name: 'Refrigeração Brasil Ltda',
    document: makeCnpj('042520110001'),
    email: 'pedidos@refrigeracaobrasil.com.br',
    phone: '(11) 3333-4455',
    leadTimeDays: 3,
    contacts: [
      {
        name: 'Marta Oliveira',
        role: 'Vendas',
        email: 'marta@refrigeracaobrasil.com.br',
        phone: '(11) 98888-1212',
      },
    ],
  },
  {
    key: 'auto',
    name: 'Auto Peças Paulista',
    document: makeCnpj('112223330001'),
    email: 'vendas@autopecaspaulista.com.br',
    phone: '(11) 2222-9090',
    leadTimeDays: 2,
    contacts: [{ name: 'Rogério Lima', role: 'Balcão', email: null, phone: '(11) 97777-3434' }],
  },
  {
    key: 'eletro',
    name: 'Eletropeças Minas Distribuidora',
    document: makeCnpj('223334440001'),
    email: 'comercial@eletropecasminas.com.br',
    phone: '(31) 3444-5566',
    leadTimeDays: 5,
    contacts: [],
  },
  {
    key: 'maq',
    name: 'Hidráulica e Máquinas Centro-Oeste',
    document: makeCnpj('334445550001'),
    email: 'compras@hmcentrooeste.com.br',
    phone: '(62) 3555-7788',
    leadTimeDays: 10,
    contacts: [
      { name: 'Sílvia Rocha', role: 'Representante', email: 'silvia@hmcentrooeste.com.br', phone: null },
    ],
  },
];

const c = (
  supplierKey: string,
  id: string,
  code: string,
  name: string,
  category: string,
  price: number,
  cost: number,
  stock: number,
  minStock: number,
  location: string,
  extra: Partial<ComponentCreate> = {},
): DemoComponent => ({
  supplierKey,
  id,
  code,
  name,
  category,
  price,
  cost,
  stock,
  minStock,
  location,
  description: '',
  ...extra,
});

/** seed 004's two components (comp-001 at 85.50, comp-045 at 45.00) and ~30 realistic parts. */
export const DEMO_COMPONENTS: DemoComponent[] = [
  c('refri', 'comp-001', 'TERM-001', 'Termostato', 'Refrigeração', 85.5, 52.9, 15, 5, 'A-01', {
    description: 'Termostato para geladeira',
  }),
  c(
    'eletro',
    'comp-045',
    'RES-045',
    'Resistência para cafeteira',
    'Eletroportáteis',
    45,
    24.3,
    8,
    4,
    'B-04',
    {
      description: 'Resistência 127 V para cafeteira elétrica',
    },
  ),
  c(
    'refri',
    'comp-002',
    'EMB-FF85',
    'Compressor Embraco FF8.5HBK 1/4 HP',
    'Refrigeração',
    620,
    389,
    2,
    2,
    'A-02',
  ),
  c(
    'refri',
    'comp-003',
    'GAS-R134',
    'Gás refrigerante R-134a (750 g)',
    'Refrigeração',
    89.9,
    48.5,
    3,
    6,
    'A-03',
  ),
  c(
    'refri',
    'comp-004',
    'GAS-R600',
    'Gás refrigerante R-600a (420 g)',
    'Refrigeração',
    79.9,
    41,
    7,
    4,
    'A-03',
  ),
  c('refri', 'comp-005', 'FIL-SEC14', 'Filtro secador 1/4"', 'Refrigeração', 18, 7.8, 25, 10, 'A-04'),
  c('refri', 'comp-006', 'TUB-COB14', 'Tubo de cobre 1/4"', 'Refrigeração', 39.9, 22.4, 12.5, 15, 'A-05', {
    unit: 'M',
  }),
  c(
    'refri',
    'comp-007',
    'CAP-AC35',
    'Capacitor de ar-condicionado 35 µF',
    'Climatização',
    59.9,
    19.9,
    9,
    5,
    'A-06',
  ),
  c('refri', 'comp-008', 'GAX-PORTA', 'Gaxeta de porta de geladeira', 'Refrigeração', 149, 72, 1, 3, 'A-07'),
  c(
    'eletro',
    'comp-009',
    'MOT-MICRO',
    'Motor do prato de micro-ondas',
    'Eletroportáteis',
    69.9,
    28,
    6,
    3,
    'B-01',
  ),
  c(
    'eletro',
    'comp-010',
    'MAG-2M214',
    'Magnetron 2M214 para micro-ondas',
    'Eletroportáteis',
    289,
    165,
    1,
    2,
    'B-02',
  ),
  c('eletro', 'comp-011', 'FUS-MICRO', 'Fusível cerâmico 20 A', 'Eletroportáteis', 9.9, 2.1, 40, 20, 'B-03'),
  c('eletro', 'comp-012', 'PLA-LAV', 'Placa eletrônica de lavadora', 'Lavanderia', 459, 260, 2, 1, 'B-05'),
  c(
    'eletro',
    'comp-013',
    'BOM-DREN',
    'Bomba de drenagem de lavadora 127 V',
    'Lavanderia',
    119,
    54,
    4,
    3,
    'B-06',
  ),
  c('eletro', 'comp-014', 'COR-LAV', 'Correia de lavadora', 'Lavanderia', 49.9, 18.5, 10, 4, 'B-07'),
  c('eletro', 'comp-015', 'VAL-AGUA', 'Válvula de entrada de água dupla', 'Lavanderia', 89, 37, 2, 4, 'B-08'),
  c(
    'eletro',
    'comp-016',
    'RES-FERRO',
    'Resistência para ferro de passar',
    'Eletroportáteis',
    39.9,
    14,
    5,
    3,
    'B-09',
  ),
  c('auto', 'comp-017', 'PAS-DIANT', 'Pastilha de freio dianteira', 'Freios', 189, 98, 6, 4, 'C-01', {
    unit: 'JG',
  }),
  c('auto', 'comp-018', 'DIS-FREIO', 'Disco de freio ventilado', 'Freios', 249, 131, 4, 4, 'C-02', {
    unit: 'PAR',
  }),
  c('auto', 'comp-019', 'FLU-DOT4', 'Fluido de freio DOT 4 (500 ml)', 'Freios', 39.9, 19, 12, 6, 'C-03'),
  c(
    'auto',
    'comp-020',
    'OLE-5W30',
    'Óleo de motor 5W-30 sintético',
    'Lubrificantes',
    54.9,
    31.5,
    38,
    40,
    'C-04',
    { unit: 'L' },
  ),
  c('auto', 'comp-021', 'FIL-OLEO', 'Filtro de óleo', 'Filtros', 42, 18.9, 14, 10, 'C-05'),
  c('auto', 'comp-022', 'FIL-AR', 'Filtro de ar do motor', 'Filtros', 58, 26, 3, 8, 'C-06'),
  c('auto', 'comp-023', 'FIL-CAB', 'Filtro de cabine (ar-condicionado)', 'Filtros', 49, 21, 9, 6, 'C-06'),
  c('auto', 'comp-024', 'VEL-IGN', 'Vela de ignição', 'Ignição', 38, 16.5, 24, 16, 'C-07'),
  c('auto', 'comp-025', 'COR-DENT', 'Correia dentada com tensor', 'Motor', 329, 178, 2, 2, 'C-08', {
    unit: 'KIT',
  }),
  c('auto', 'comp-026', 'BAT-60', 'Bateria 60 Ah', 'Elétrica', 589, 372, 3, 2, 'C-09'),
  c('auto', 'comp-027', 'LAM-H4', 'Lâmpada H4 60/55 W', 'Elétrica', 29.9, 11, 18, 10, 'C-10', {
    unit: 'PAR',
  }),
  c(
    'auto',
    'comp-028',
    'ADI-RAD',
    'Aditivo de radiador concentrado',
    'Arrefecimento',
    34.9,
    15,
    0,
    6,
    'C-11',
    { unit: 'L' },
  ),
  c(
    'maq',
    'comp-029',
    'FIL-HID',
    'Filtro hidráulico de retroescavadeira',
    'Hidráulica',
    289,
    162,
    2,
    3,
    'D-01',
  ),
  c('maq', 'comp-030', 'OLE-HID68', 'Óleo hidráulico ISO 68', 'Lubrificantes', 24.9, 13.8, 120, 60, 'D-02', {
    unit: 'L',
  }),
  c(
    'maq',
    'comp-031',
    'VED-CIL',
    'Kit de vedação de cilindro hidráulico',
    'Hidráulica',
    219,
    118,
    1,
    2,
    'D-03',
    { unit: 'KIT' },
  ),
  c('maq', 'comp-032', 'MAN-HID', 'Mangueira hidráulica 1/2" R2', 'Hidráulica', 68, 34, 14.5, 10, 'D-04', {
    unit: 'M',
  }),
  c('maq', 'comp-033', 'GRA-LIT', 'Graxa de lítio EP2', 'Lubrificantes', 49.9, 27, 6, 4, 'D-05', {
    unit: 'KG',
  }),
  c('maq', 'comp-034', 'DEN-CAC', 'Dente de caçamba', 'Implementos', 159, 84, 10, 8, 'D-06'),
];

export const DEMO_TOOLS: ToolCreate[] = [
  { code: 'FER-001', name: 'Scanner automotivo OBD2', category: 'Diagnóstico', location: 'Armário 1' },
  { code: 'FER-002', name: 'Torquímetro de estalo 40–200 N·m', category: 'Medição', location: 'Armário 1' },
  { code: 'FER-003', name: 'Multímetro digital True RMS', category: 'Medição', location: 'Bancada 2' },
  {
    code: 'FER-004',
    name: 'Manifold de refrigeração R-134a/R-600a',
    category: 'Refrigeração',
    location: 'Armário 3',
  },
  { code: 'FER-005', name: 'Bomba de vácuo 5 CFM', category: 'Refrigeração', location: 'Armário 3' },
  {
    code: 'FER-006',
    name: 'Detector de vazamento eletrônico',
    category: 'Refrigeração',
    location: 'Armário 3',
  },
  { code: 'FER-007', name: 'Macaco hidráulico jacaré 3 t', category: 'Elevação', location: 'Box 1' },
  { code: 'FER-008', name: 'Estação de solda 60 W', category: 'Eletrônica', location: 'Bancada 1' },
  { code: 'FER-009', name: 'Prensa hidráulica 15 t', category: 'Elevação', location: 'Box 2' },
];

/**
 * Suppliers, components (with their opening stock), purchase orders and tools, through the services.
 * Not a route, so the demo's inputs are parsed here, at this boundary, as a request body would be.
 */
export async function seedInventoryDemo(services: Services, ctx: AuthedContext) {
  const supplierIds = new Map<string, string>();
  for (const { key, ...supplier } of DEMO_SUPPLIERS) {
    supplierIds.set(key, (await services.suppliers.create(ctx, SupplierCreateSchema.parse(supplier))).id);
  }
  for (const { supplierKey, ...component } of DEMO_COMPONENTS) {
    await services.components.create(
      ctx,
      ComponentCreateSchema.parse({ ...component, supplierId: supplierIds.get(supplierKey)! }),
    );
  }
  for (const [key, id] of supplierIds) {
    await services.suppliers.update(
      ctx,
      id,
      SupplierUpdateSchema.parse({
        components: DEMO_COMPONENTS.filter((p) => p.supplierKey === key).map((p) => ({
          componentId: p.id!,
          cost: p.cost ?? 0,
        })),
      }),
    );
  }
  // one order on its way (partly received), one late, one draft from the reorder suggestions
  const { body: inTransit } = await services.purchaseOrders.create(
    ctx,
    PurchaseOrderCreateSchema.parse({
      supplierId: supplierIds.get('auto')!,
      expectedAt: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
      notes: 'Entregar no período da manhã.',
      lines: [
        { componentId: 'comp-021', quantity: 10 },
        { componentId: 'comp-024', quantity: 16 },
      ],
    }),
  );
  await services.purchaseOrders.send(ctx, inTransit.id);
  await services.purchaseOrders.receive(
    ctx,
    inTransit.id,
    ReceiptSchema.parse({ lines: [{ lineId: inTransit.lines[0]!.id, quantity: 10 }], note: 'NF 48213' }),
  );
  const { body: late } = await services.purchaseOrders.create(
    ctx,
    PurchaseOrderCreateSchema.parse({
      supplierId: supplierIds.get('maq')!,
      expectedAt: new Date(Date.now() - 4 * 86_400_000).toISOString().slice(0, 10),
      lines: [{ componentId: 'comp-034', quantity: 8 }],
    }),
  );
  await services.purchaseOrders.send(ctx, late.id);
  await services.purchaseOrders.fromSuggestions(ctx, supplierIds.get('refri')!);

  const tools = [];
  for (const tool of DEMO_TOOLS) tools.push(await services.tools.create(ctx, ToolCreateSchema.parse(tool)));
  await services.tools.checkout(
    ctx,
    tools[0]!.id,
    ToolCheckoutSchema.parse({ technicianId: ctx.actor.userId, note: 'Box 1' }),
  );
  await services.tools.update(
    ctx,
    tools[4]!.id,
    ToolUpdateSchema.parse({ status: 'maintenance', notes: 'Trocar o óleo da bomba' }),
  );
  return {
    suppliers: supplierIds.size,
    components: DEMO_COMPONENTS.length,
    purchaseOrders: 3,
    tools: tools.length,
  };
}
