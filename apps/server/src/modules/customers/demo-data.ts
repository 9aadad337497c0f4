import {
  type AssetCreate,
  AssetCreateSchema,
  type CustomerCreate,
  CustomerCreateSchema,
  formatCnpj,
  formatCpf,
} from '@bancada/shared';
import type { z } from 'zod';
import { makeCnpj, makeCpf } from '../../platform/demo-documents.js';

/** A small deterministic generator, so the demo data is the same on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    digits: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join(''),
  };
}

export const FIRST_NAMES = [
  'João',
  'Maria',
  'José',
  'Ana',
  'Antônio',
  'Francisca',
  'Luís',
  'Márcia',
  'Sebastião',
  'Cecília',
  'Conceição',
  'Fábio',
  'Júlia',
  'André',
  'Letícia',
  'Vinícius',
  'Lúcia',
  'Sérgio',
  'Flávia',
  'Raúl',
  'Otávio',
  'Inês',
  'Mônica',
  'Cláudio',
  'Patrícia',
  'Rogério',
  'Simão',
  'Tânia',
  'Vitória',
  'Heitor',
] as const;
export const LAST_NAMES = [
  'da Silva',
  'dos Santos',
  'Oliveira',
  'Souza',
  'Pereira',
  'Conceição',
  'Araújo',
  'Gonçalves',
  'Magalhães',
  'Brandão',
  'Simões',
  'Guimarães',
  'Falcão',
  'Assunção',
  'Ribeiro',
  'Gomes',
  'Martins',
  'Barbosa',
  'Monteiro',
  'Carvalho',
  'Romão',
  'Estêvão',
  'Nogueira',
  'Lopes',
] as const;

/** Real cities with a real CEP prefix, state and IBGE code. */
export const CITIES = [
  {
    city: 'São Paulo',
    state: 'SP',
    cep: '01310',
    area: '11',
    ibge: '3550308',
    streets: ['Avenida Paulista', 'Rua Augusta', 'Rua da Consolação'],
    hoods: ['Bela Vista', 'Consolação', 'Jardim Paulista'],
  },
  {
    city: 'Campinas',
    state: 'SP',
    cep: '13010',
    area: '19',
    ibge: '3509502',
    streets: ['Rua Barão de Jaguara', 'Avenida Francisco Glicério'],
    hoods: ['Centro', 'Cambuí'],
  },
  {
    city: 'Belo Horizonte',
    state: 'MG',
    cep: '30130',
    area: '31',
    ibge: '3106200',
    streets: ['Avenida Afonso Pena', 'Rua da Bahia'],
    hoods: ['Centro', 'Funcionários', 'Savassi'],
  },
  {
    city: 'Curitiba',
    state: 'PR',
    cep: '80010',
    area: '41',
    ibge: '4106902',
    streets: ['Rua XV de Novembro', 'Avenida Sete de Setembro'],
    hoods: ['Centro', 'Batel'],
  },
  {
    city: 'Goiânia',
    state: 'GO',
    cep: '74015',
    area: '62',
    ibge: '5208707',
    streets: ['Avenida Goiás', 'Rua 4'],
    hoods: ['Setor Central', 'Setor Oeste'],
  },
  {
    city: 'Ribeirão Preto',
    state: 'SP',
    cep: '14010',
    area: '16',
    ibge: '3543402',
    streets: ['Rua General Osório', 'Avenida Nove de Julho'],
    hoods: ['Centro', 'Jardim Sumaré'],
  },
  {
    city: 'Florianópolis',
    state: 'SC',
    cep: '88010',
    area: '48',
    ibge: '4205407',
    streets: ['Rua Felipe Schmidt', 'Avenida Beira-Mar Norte'],
    hoods: ['Centro', 'Agronômica'],
  },
  {
    city: 'Cuiabá',
    state: 'MT',
    cep: '78005',
    area: '65',
    ibge: '5103403',
    streets: ['Avenida Getúlio Vargas', 'Rua Barão de Melgaço'],
    hoods: ['Centro Norte', 'Goiabeiras'],
  },
] as const;

const COMPANIES = [
  'Transportes Irmãos Magalhães',
  'Construtora Pé de Serra',
  'Agropecuária São João',
  'Padaria Pão de Açúcar',
  'Terraplenagem Guimarães',
  'Mercadinho Conceição',
  'Locadora de Máquinas Araújo',
  'Restaurante Sabor Mineiro',
] as const;

const CARS = [
  { brand: 'Fiat', model: 'Strada', fuel: 'flex' },
  { brand: 'Volkswagen', model: 'Gol', fuel: 'flex' },
  { brand: 'Chevrolet', model: 'Onix', fuel: 'flex' },
  { brand: 'Toyota', model: 'Hilux', fuel: 'diesel' },
  { brand: 'Hyundai', model: 'HB20', fuel: 'flex' },
  { brand: 'Renault', model: 'Kwid', fuel: 'flex' },
  { brand: 'Ford', model: 'Ranger', fuel: 'diesel' },
  { brand: 'Honda', model: 'Civic', fuel: 'gasoline' },
] as const;
const COLORS = ['Prata', 'Branco', 'Preto', 'Vermelho', 'Cinza', 'Azul'] as const;
const APPLIANCES = [
  { type: 'Geladeira', brand: 'Brastemp', model: 'BRM45' },
  { type: 'Micro-ondas', brand: 'Electrolux', model: 'MEO44' },
  { type: 'Máquina de Lavar', brand: 'Consul', model: 'CWH12' },
  { type: 'Ar Condicionado', brand: 'LG', model: 'Dual Inverter 12000' },
  { type: 'Fogão', brand: 'Atlas', model: 'Mônaco 4B' },
  { type: 'Cafeteira', brand: 'Arno', model: 'Gran Perfectta' },
  { type: 'Liquidificador', brand: 'Walita', model: 'Problend 6' },
  { type: 'Ventilador', brand: 'Mondial', model: 'Turbo VTX-40' },
  { type: 'Ferro de Passar', brand: 'Philips Walita', model: 'EasySpeed' },
] as const;
const VOLTAGES = ['127 V', '220 V', 'Bivolt'] as const;
const MACHINES = [
  { brand: 'Caterpillar', model: '320 Escavadeira' },
  { brand: 'JCB', model: '3CX Retroescavadeira' },
  { brand: 'Case', model: '580N Retroescavadeira' },
  { brand: 'New Holland', model: 'W130 Pá Carregadeira' },
  { brand: 'Komatsu', model: 'PC200 Escavadeira' },
] as const;

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** Parsed like a request body: the services take what the routes hand them. */
export type DemoCustomer = {
  customer: z.output<typeof CustomerCreateSchema>;
  assets: { asset: z.output<typeof AssetCreateSchema>; readings: number[] }[];
};

/** About 40 customers with vehicles (both plate formats), appliances and machines. */
export function buildDemoData(count = 40, seed = 2026): DemoCustomer[] {
  const rnd = seededRandom(seed);
  const letters = (n: number) => Array.from({ length: n }, () => rnd.pick([...LETTERS])).join('');
  const result: DemoCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const place = rnd.pick(CITIES);
    const isCompany = i % 6 === 5;
    const first = rnd.pick(FIRST_NAMES);
    const name = isCompany
      ? `${COMPANIES[Math.floor(i / 6) % COMPANIES.length]} Ltda.`
      : `${first} ${rnd.pick(LAST_NAMES)} ${rnd.pick(LAST_NAMES)}`;
    const document = isCompany
      ? formatCnpj(
          makeCnpj(
            i % 12 === 11 ? `${rnd.digits(2)}${letters(3)}${rnd.digits(3)}0001` : `${rnd.digits(8)}0001`,
          ),
        )
      : formatCpf(makeCpf(rnd.digits(9)));
    const mobile = `(${place.area}) 9${rnd.int(6000, 9999)}-${rnd.digits(4)}`;
    const slug = (isCompany ? name.split(' ')[0]! : first)
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
    const customer: CustomerCreate = {
      kind: isCompany ? 'company' : 'person',
      name,
      document,
      email: `${slug}.${i + 1}@exemplo.com.br`,
      phone: mobile,
      phones:
        i % 3 === 0
          ? [{ label: 'landline', number: `(${place.area}) 3${rnd.digits(3)}-${rnd.digits(4)}` }]
          : [],
      addresses: [
        {
          label: isCompany ? 'Sede' : 'Casa',
          street: rnd.pick(place.streets),
          number: String(rnd.int(10, 2500)),
          complement: i % 4 === 0 ? `Apto ${rnd.int(11, 154)}` : '',
          neighborhood: rnd.pick(place.hoods),
          city: place.city,
          state: place.state,
          postalCode: `${place.cep}-${rnd.digits(3)}`,
          ibgeCode: place.ibge,
        },
      ],
      notes: i % 5 === 0 ? 'Prefere contato pelo WhatsApp no fim da tarde.' : null,
      preferences: { contactChannel: i % 2 === 0 ? 'whatsapp' : 'email', reminderFrequency: 'semiannual' },
      consents: { email: i % 3 !== 0, whatsapp: i % 2 === 0, sms: false, source: 'counter' },
    };
    const assets: { asset: AssetCreate; readings: number[] }[] = [];
    const profile =
      isCompany && i % 12 === 5 ? 'machine' : rnd.pick(['vehicle', 'vehicle', 'appliance', 'both'] as const);
    if (profile === 'vehicle' || profile === 'both') {
      const car = rnd.pick(CARS);
      const mercosul = rnd.next() < 0.5;
      const plate = mercosul
        ? `${letters(3)}${rnd.digits(1)}${letters(1)}${rnd.digits(2)}`
        : `${letters(3)}-${rnd.digits(4)}`;
      const km = rnd.int(5, 180) * 1000;
      assets.push({
        asset: {
          kind: 'vehicle',
          brand: car.brand,
          model: car.model,
          year: rnd.int(2008, 2025),
          color: rnd.pick(COLORS),
          plate,
          fuel: car.fuel,
          initialReading: km,
        },
        readings: [km + rnd.int(3000, 9000), km + rnd.int(10_000, 15_000)],
      });
    }
    if (profile === 'appliance' || profile === 'both') {
      const appliance = rnd.pick(APPLIANCES);
      assets.push({
        asset: {
          kind: 'appliance',
          type: appliance.type,
          brand: appliance.brand,
          model: appliance.model,
          voltage: rnd.pick(VOLTAGES),
          serial: `${appliance.brand.slice(0, 2).toUpperCase()}${rnd.digits(8)}`,
        },
        readings: [],
      });
    }
    if (profile === 'machine') {
      for (const machine of [MACHINES[0], MACHINES[1], MACHINES[3]]) {
        const hours = rnd.int(800, 9000);
        assets.push({
          asset: {
            kind: 'machine',
            brand: machine.brand,
            model: machine.model,
            year: rnd.int(2012, 2024),
            serial: `${machine.brand.slice(0, 3).toUpperCase()}${rnd.digits(7)}`,
            initialReading: hours,
          },
          readings: [hours + 250, hours + 500],
        });
      }
    }
    result.push({
      customer: CustomerCreateSchema.parse(customer),
      assets: assets.map((a) => ({ asset: AssetCreateSchema.parse(a.asset), readings: a.readings })),
    });
  }
  return result;
}
