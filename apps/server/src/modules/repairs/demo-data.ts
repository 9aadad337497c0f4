import {
  ChecklistUpdateSchema,
  EstimateCreateSchema,
  type RepairCreate,
  RepairCreateSchema,
  type RepairStatus,
  RepairTransitionSchema,
  type ServiceCatalogCreate,
  ServiceCatalogCreateSchema,
} from '@bancada/shared';
import type { AuthedContext } from '../../platform/context.js';
import type { Services } from '../../services.js';

/** Standard jobs of an auto, appliance and machinery shop. */
export const DEMO_CATALOG: ServiceCatalogCreate[] = [
  {
    code: 'AUT-OLEO',
    name: 'Troca de óleo e filtro',
    category: 'Motor',
    specialty: 'Mecânica geral',
    standardHours: 0.75,
    price: 90,
  },
  {
    code: 'AUT-FREIO',
    name: 'Revisão de freios dianteiros',
    category: 'Freios',
    specialty: 'Freios',
    standardHours: 2,
    price: 220,
  },
  {
    code: 'AUT-ALIN',
    name: 'Alinhamento e balanceamento',
    category: 'Suspensão',
    specialty: 'Suspensão',
    standardHours: 1,
    price: 150,
  },
  {
    code: 'AUT-CORR',
    name: 'Troca da correia dentada',
    category: 'Motor',
    specialty: 'Mecânica geral',
    standardHours: 3,
    price: 380,
  },
  {
    code: 'ELE-GAS',
    name: 'Recarga de gás refrigerante',
    category: 'Refrigeração',
    specialty: 'Refrigeração',
    standardHours: 1.5,
    price: 260,
  },
  {
    code: 'ELE-DIAG',
    name: 'Diagnóstico de eletrodoméstico',
    category: 'Diagnóstico',
    specialty: 'Eletrônica',
    standardHours: 0.5,
    price: 60,
  },
  {
    code: 'ELE-LIMP',
    name: 'Higienização de ar-condicionado split',
    category: 'Climatização',
    specialty: 'Refrigeração',
    standardHours: 1.5,
    price: 180,
  },
  {
    code: 'MAQ-250H',
    name: 'Revisão de 250 horas',
    category: 'Preventiva',
    specialty: 'Hidráulica',
    standardHours: 4,
    price: 1200,
  },
  {
    code: 'MAQ-HID',
    name: 'Reparo de vazamento hidráulico',
    category: 'Hidráulica',
    specialty: 'Hidráulica',
    standardHours: 3,
    price: 850,
  },
];

export type DemoCustomer = { id: string; assets: { id: string; kind: string }[] };
/** A demo technician (users/demo-data.ts) as orders are assigned to them. */
export type DemoTechnician = { id: string; specialties: string[] };

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

/** Where each demo order ends up, walking the status machine from NAO_INICIADO. */
const PATHS: Record<RepairStatus, RepairStatus[]> = {
  NAO_INICIADO: [],
  AGUARDANDO_APROVACAO: ['AGUARDANDO_APROVACAO'],
  AGUARDANDO_PECAS: ['AGUARDANDO_PECAS'],
  EM_ANDAMENTO: ['EM_ANDAMENTO'],
  EM_REVISAO: ['EM_ANDAMENTO', 'EM_REVISAO'],
  FINALIZADO: ['EM_ANDAMENTO', 'EM_REVISAO', 'FINALIZADO'],
  ENTREGUE: ['EM_ANDAMENTO', 'EM_REVISAO', 'FINALIZADO', 'ENTREGUE'],
  CANCELADO: ['CANCELADO'],
};

/** `specialty`: who the order goes to; none leaves it for the board's suggestions. */
type DemoOrder = { body: RepairCreate; status: RepairStatus; specialty?: string };
type Target = { customerId: string; assetId: string };

function vehicleOrders(vehicles: Target[], catalog: Map<string, string>): DemoOrder[] {
  const orders: DemoOrder[] = [];
  const vehicleJobs: [string, string[], RepairStatus, string][] = [
    ['AUT-OLEO', ['comp-021'], 'ENTREGUE', 'Revisão dos 40 mil km'],
    ['AUT-FREIO', ['comp-017', 'comp-019'], 'EM_ANDAMENTO', 'Barulho ao frear'],
    ['AUT-CORR', ['comp-025'], 'AGUARDANDO_APROVACAO', 'Troca preventiva da correia'],
    ['AUT-ALIN', [], 'NAO_INICIADO', 'Carro puxando para a direita'],
    ['AUT-OLEO', ['comp-021', 'comp-022'], 'EM_REVISAO', 'Troca de óleo e filtros'],
    ['AUT-FREIO', ['comp-018'], 'AGUARDANDO_PECAS', 'Disco de freio empenado'],
  ];
  vehicleJobs.forEach(([code, parts, status, problem], i) => {
    const target = vehicles[i % Math.max(vehicles.length, 1)];
    if (!target) return;
    orders.push({
      status,
      specialty: code === 'AUT-FREIO' ? 'Freios' : 'Mecânica geral',
      body: {
        userId: target.customerId,
        assetId: target.assetId,
        appliances: [],
        services: [{ catalogId: catalog.get(code)! }],
        parts: parts.map((componentId) => ({ componentId, quantity: componentId === 'comp-019' ? 1 : 2 })),
        receivedAt: daysAgo(12 - i * 2),
        deadline: daysAgo(8 - i * 2),
        status: 'NAO_INICIADO',
        serviceType: code === 'AUT-OLEO' ? 'PREVENTIVE_MAINTENANCE' : 'REPAIR',
        priority: i === 1 ? 'HIGH' : 'NORMAL',
        serviceDescription: problem,
        fuelLevel: 'HALF',
        accessories: ['Estepe', 'Chave de roda'],
        condition: i % 2 ? 'Risco no para-choque traseiro' : '',
      },
    });
  });
  return orders;
}

function applianceOrders(
  plain: DemoCustomer[],
  customers: DemoCustomer[],
  catalog: Map<string, string>,
): DemoOrder[] {
  const orders: DemoOrder[] = [];
  const applianceJobs: [RepairCreate['appliances'], string[], RepairStatus, string][] = [
    [
      [
        {
          type: 'Geladeira',
          brand: 'Brastemp',
          model: 'BRM45',
          voltage: '127 V',
          serial: 'BRM45-2211',
          laborValue: 150,
        },
      ],
      ['comp-001', 'comp-045'],
      'EM_ANDAMENTO',
      'Não está gelando a parte de baixo',
    ],
    [
      [{ type: 'Máquina de Lavar', brand: 'Electrolux', model: 'LAC11', voltage: '220 V', laborValue: 120 }],
      ['comp-014'],
      'FINALIZADO',
      'Não centrifuga',
    ],
    [
      [{ type: 'Micro-ondas', brand: 'Panasonic', model: 'NN-ST25', voltage: '127 V', laborValue: 80 }],
      ['comp-011'],
      'NAO_INICIADO',
      'Liga mas não esquenta',
    ],
    [
      [
        {
          type: 'Ar Condicionado',
          brand: 'LG',
          model: 'Dual Inverter 12000',
          voltage: '220 V',
          laborValue: 0,
        },
      ],
      [],
      'AGUARDANDO_APROVACAO',
      'Pingando água',
    ],
    [
      [{ type: 'Fogão', brand: 'Consul', model: 'CFO4N', voltage: 'Bivolt', laborValue: 90 }],
      [],
      'CANCELADO',
      'Acendimento automático falha',
    ],
    [
      [{ type: 'Liquidificador', brand: 'Arno', model: 'Power Max', voltage: '127 V', laborValue: 45 }],
      [],
      'ENTREGUE',
      'Motor queimado',
    ],
  ];
  applianceJobs.forEach(([appliances, parts, status, problem], i) => {
    const target = plain[i % Math.max(plain.length, 1)] ?? customers[i];
    if (!target) return;
    orders.push({
      status,
      // the microwave waits on the board for someone to take it
      ...(appliances?.[0]?.type === 'Micro-ondas' ? {} : { specialty: 'Refrigeração' }),
      body: {
        userId: target.id,
        appliances,
        services:
          appliances?.[0]?.type === 'Ar Condicionado' ? [{ catalogId: catalog.get('ELE-LIMP')! }] : [],
        parts: parts.map((componentId) => ({ componentId, quantity: 1 })),
        receivedAt: daysAgo(10 - i),
        deadline: daysAgo(3 - i),
        status: 'NAO_INICIADO',
        serviceDescription: problem,
        priority: i === 0 ? 'URGENT' : 'NORMAL',
        accessories: i === 0 ? ['Prateleiras', 'Gavetas'] : [],
      },
    });
  });
  return orders;
}

function machineOrders(machines: Target[], catalog: Map<string, string>): DemoOrder[] {
  const orders: DemoOrder[] = [];
  machines.slice(0, 2).forEach((target, i) => {
    orders.push({
      status: i === 0 ? 'EM_ANDAMENTO' : 'NAO_INICIADO',
      specialty: 'Hidráulica',
      body: {
        userId: target.customerId,
        assetId: target.assetId,
        appliances: [],
        services: [{ catalogId: catalog.get(i === 0 ? 'MAQ-250H' : 'MAQ-HID')! }],
        parts:
          i === 0
            ? [
                { componentId: 'comp-030', quantity: 20 },
                { componentId: 'comp-033', quantity: 1 },
              ]
            : [{ componentId: 'comp-032', quantity: 3 }],
        receivedAt: daysAgo(4 - i),
        deadline: daysAgo(-5),
        status: 'NAO_INICIADO',
        serviceType: i === 0 ? 'PREVENTIVE_MAINTENANCE' : 'REPAIR',
        serviceDescription: i === 0 ? 'Revisão programada' : 'Vazamento no cilindro da lança',
      },
    });
  });

  return orders;
}

/** The technician for an order's specialty, else the next one in turn. */
function technicianFor(technicians: DemoTechnician[], specialty: string | undefined, turn: number) {
  if (!specialty || technicians.length === 0) return undefined;
  return (
    technicians.find((tech) => tech.specialties.includes(specialty)) ?? technicians[turn % technicians.length]
  );
}

const HOUR = 3_600_000;

/** Two finished stretches of work the day after intake, as if the technician had run a timer. */
async function recordPastWork(
  services: Services,
  ctx: AuthedContext,
  repairId: string,
  technicianId: string,
  receivedAt: string,
) {
  const latest = Date.now() - 2 * HOUR;
  let start = Math.min(new Date(receivedAt).getTime() + 20 * HOUR, latest - 5 * HOUR);
  for (const [hours, note] of [
    [1.5, 'Diagnóstico e desmontagem'],
    [2.25, 'Execução do serviço'],
  ] as const) {
    const end = start + hours * HOUR;
    await services.repairTime.record(ctx, repairId, {
      technicianId,
      startedAt: new Date(start),
      endedAt: new Date(end),
      note,
    });
    start = end + HOUR;
  }
}

/** Creates each order (assigned by specialty) and walks it to its status, as staff would. */
async function walkOrders(
  services: Services,
  ctx: AuthedContext,
  orders: DemoOrder[],
  technicians: DemoTechnician[],
) {
  let created = 0;
  let timed = 0;
  for (const { body, status, specialty } of orders) {
    const technician = technicianFor(technicians, specialty, created);
    const { body: repair } = await services.repairs.create(
      ctx,
      RepairCreateSchema.parse({ ...body, technicianId: technician?.id ?? null }),
    );
    created++;
    for (const to of PATHS[status]) {
      if (to === 'AGUARDANDO_APROVACAO') {
        await services.estimates.create(ctx, repair.id, EstimateCreateSchema.parse({ notify: false }));
        continue;
      }
      if (to === 'FINALIZADO') {
        const items = ['work_done', 'parts_as_planned', 'tested', 'asset_clean'].map((key) => ({
          key,
          done: true,
        }));
        await services.repairStatus.setChecklist(ctx, repair.id, ChecklistUpdateSchema.parse({ items }));
      }
      await services.repairStatus.transition(ctx, repair.id, RepairTransitionSchema.parse({ status: to }));
      if (to === 'EM_ANDAMENTO' && technician) {
        await recordPastWork(services, ctx, repair.id, technician.id, body.receivedAt ?? repair.receivedAt);
        timed++;
      }
    }
  }
  return { created, timed };
}
/**
 * A working board: orders for vehicles, appliances and machines in every status, through the same
 * services the API uses (stock reserved and consumed, events, audit). The demo is its own boundary:
 * it parses what it sends, as the routes do.
 */
export async function seedRepairsDemo(
  services: Services,
  ctx: AuthedContext,
  customers: DemoCustomer[],
  technicians: DemoTechnician[] = [],
) {
  const catalog = new Map<string, string>();
  for (const item of DEMO_CATALOG)
    catalog.set(
      item.code,
      (await services.serviceCatalog.create(ctx, ServiceCatalogCreateSchema.parse(item))).id,
    );
  const withKind = (kind: string) =>
    customers.flatMap((c) =>
      c.assets.filter((a) => a.kind === kind).map((a) => ({ customerId: c.id, assetId: a.id })),
    );
  const vehicles = withKind('vehicle');
  const machines = withKind('machine');
  const plain = customers.filter(
    (c) => c.assets.length === 0 || c.assets.every((a) => a.kind === 'appliance'),
  );

  const orders = [
    ...vehicleOrders(vehicles, catalog),
    ...applianceOrders(plain, customers, catalog),
    ...machineOrders(machines, catalog),
  ];
  const { created, timed } = await walkOrders(services, ctx, orders, technicians);
  return { catalog: catalog.size, repairs: created, timedRepairs: timed };
}
