import type { Repair } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { intakeReceiptDefinition, renderIntakeReceipt } from './intake-receipt.pdf.js';
import {
  type DocumentCustomer,
  type DocumentShop,
  definitionText,
  type ServiceReportInput,
} from './pdf-layout.js';
import { renderServiceReport, serviceReportDefinition } from './service-report.pdf.js';

const shop: DocumentShop = {
  name: 'Oficina Boa Vista',
  document: '11222333000181',
  address: {
    street: 'Rua das Flores',
    number: '120',
    city: 'Campinas',
    state: 'SP',
    postalCode: '13010-000',
  },
  currency: 'BRL',
};
const customer: DocumentCustomer = {
  name: 'Maria da Silva',
  phone: '+5519988887777',
  email: 'maria@example.test',
  document: '***.***.*47-25',
};

function buildRepair(overrides: Partial<Repair> = {}): Repair {
  const id = '00000000-0000-4000-8000-000000000001';
  return {
    id,
    number: 1042,
    userId: '00000000-0000-4000-8000-0000000000c1',
    customerId: '00000000-0000-4000-8000-0000000000c1',
    customerName: customer.name,
    assetId: null,
    asset: null,
    appliances: [
      {
        id: '00000000-0000-4000-8000-0000000000a1',
        type: 'Geladeira',
        brand: 'Brastemp',
        model: 'BRM45',
        voltage: '127 V',
        serial: 'ABC123456',
        customerNote: 'Não está gelando a parte de baixo',
        laborValue: 150,
        estimatedHours: 2,
        warrantyDays: 90,
        assetId: null,
        approval: 'approved',
      },
    ],
    parts: [
      {
        id: '00000000-0000-4000-8000-0000000000b1',
        componentId: 'comp-001',
        name: 'Termostato',
        code: 'TERM-001',
        unit: 'UN',
        quantity: 1,
        unitValue: 85.5,
        totalValue: 85.5,
        warrantyDays: 90,
        stockState: 'consumed',
        approval: 'approved',
      },
      {
        id: '00000000-0000-4000-8000-0000000000b2',
        componentId: 'comp-045',
        name: 'Gás R600a',
        code: 'GAS-045',
        unit: 'UN',
        quantity: 2,
        unitValue: 45,
        totalValue: 90,
        warrantyDays: 30,
        stockState: 'consumed',
        approval: 'approved',
      },
    ],
    services: [
      {
        id: '00000000-0000-4000-8000-0000000000d1',
        catalogId: null,
        description: 'Carga de gás e teste de pressão',
        hours: 1.5,
        price: 120,
        technicianId: null,
        technicianName: 'João Técnico',
        warrantyDays: 90,
        approval: 'declined',
      },
    ],
    nf: 'NF-12345',
    returnGuarantee: true,
    fabricGuarantee: false,
    partsTotal: 175.5,
    laborValue: 150,
    discount: 25.5,
    totalValue: 300,
    receivedAt: '2025-11-13T10:00:00.000Z',
    deadline: '2025-11-20T18:00:00.000Z',
    serviceDescription: 'Cliente relata que a geladeira não está gelando adequadamente.',
    notes: 'Verificar sistema de refrigeração e pressão do gás.',
    status: 'FINALIZADO',
    serviceType: 'REPAIR',
    priority: 'NORMAL',
    condition: 'Porta com arranhão lateral',
    accessories: ['Cabo de força', 'Prateleira de vidro'],
    odometerKm: null,
    hourMeter: null,
    fuelLevel: null,
    technicianId: null,
    technicianName: 'João Técnico',
    estimatedHours: 3.5,
    actualHours: 2.75,
    checklist: [
      {
        key: 'work_done',
        done: true,
        note: null,
        doneBy: 'João Técnico',
        doneAt: '2025-11-18T15:00:00.000Z',
      },
      {
        key: 'tested',
        done: true,
        note: 'Gelou em 2 h',
        doneBy: 'João Técnico',
        doneAt: '2025-11-18T17:00:00.000Z',
      },
    ],
    estimate: null,
    warrantyReturn: null,
    warrantyUntil: '2026-02-16T18:00:00.000Z',
    isOverdue: false,
    approvedBy: 'Gerente Ana',
    approvedAt: '2025-11-18T18:00:00.000Z',
    finishedAt: '2025-11-18T18:00:00.000Z',
    deliveredAt: null,
    createdAt: '2025-11-13T10:00:00.000Z',
    updatedAt: '2025-11-18T18:00:00.000Z',
    version: 7,
    ...overrides,
  };
}

const reportInput = (repair = buildRepair()): ServiceReportInput => ({
  repair,
  shop,
  customer,
  photoCount: 3,
  events: [
    {
      type: 'created',
      fromStatus: null,
      toStatus: 'NAO_INICIADO',
      note: null,
      actorName: 'Admin',
      at: '2025-11-13T10:00:00.000Z',
    },
    {
      type: 'status',
      fromStatus: 'NAO_INICIADO',
      toStatus: 'EM_ANDAMENTO',
      note: 'peças ok',
      actorName: 'João Técnico',
      at: '2025-11-14T09:00:00.000Z',
    },
    {
      type: 'photo',
      fromStatus: null,
      toStatus: null,
      note: null,
      actorName: 'João Técnico',
      at: '2025-11-14T09:05:00.000Z',
    },
    {
      type: 'status',
      fromStatus: 'EM_REVISAO',
      toStatus: 'FINALIZADO',
      note: null,
      actorName: 'Gerente Ana',
      at: '2025-11-18T18:00:00.000Z',
    },
  ],
  time: { totalSeconds: 9900, byTechnician: [{ name: 'João Técnico', seconds: 9900 }] },
});

// Intl puts no-break spaces in money and dates
const textOf = (definition: unknown) =>
  definitionText(definition)
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ');

describe('intake receipt', () => {
  it('prints the shop, the order, the customer, the appliance and the CDC note', () => {
    const text = textOf(
      intakeReceiptDefinition(
        { repair: buildRepair({ status: 'NAO_INICIADO' }), shop, customer, photoCount: 2 },
        { locale: 'pt-BR' },
      ),
    );
    for (const fact of [
      'Oficina Boa Vista',
      'CNPJ 11.222.333/0001-81',
      'Rua das Flores, 120',
      'Campinas/SP',
      'Comprovante de entrada',
      'OS nº 1042',
      'Recebido em: 13/11/2025, 07:00',
      'Prazo estimado: 20/11/2025, 15:00',
      'Maria da Silva',
      'Telefone: (19) 98888-7777',
      'Documento: ***.***.*47-25',
      'Geladeira',
      'Brastemp BRM45',
      'ABC123456',
      'Não está gelando a parte de baixo',
      'Cliente relata que a geladeira não está gelando adequadamente.',
      'Porta com arranhão lateral',
      'Cabo de força',
      'Fotos registradas: 2',
      'Assinatura do cliente',
      'Assinatura da oficina',
    ]) {
      expect(text).toContain(fact);
    }
    expect(text).toMatch(/Nenhum serviço será executado sem orçamento prévio aprovado/);
  });

  it('prints a vehicle with odometer and fuel, and the deadline still to be set', () => {
    const repair = buildRepair({
      appliances: [],
      deadline: null,
      accessories: [],
      asset: {
        id: '00000000-0000-4000-8000-0000000000e1',
        kind: 'vehicle',
        label: 'Fiat Strada · ABC-1234',
        plate: 'ABC-1234',
        serial: null,
      },
      odometerKm: 80500,
      fuelLevel: 'HALF',
    });
    const text = textOf(
      intakeReceiptDefinition({ repair, shop, customer, photoCount: 0 }, { locale: 'pt-BR' }),
    );
    expect(text).toContain('VEÍCULO');
    expect(text).toContain('Fiat Strada · ABC-1234');
    expect(text).toContain('80.500 km');
    expect(text).toContain('1/2');
    expect(text).toContain('a definir após o diagnóstico');
    expect(text).toContain('Nenhum');
  });

  it('speaks Spanish and English, with their money and date formats', () => {
    const es = textOf(
      intakeReceiptDefinition({ repair: buildRepair(), shop, customer, photoCount: 1 }, { locale: 'es' }),
    );
    expect(es).toContain('Comprobante de ingreso');
    expect(es).toContain('Firma del cliente');
    const en = textOf(
      intakeReceiptDefinition(
        { repair: buildRepair(), shop, customer, photoCount: 1 },
        { locale: 'en', timeZone: 'UTC' },
      ),
    );
    expect(en).toContain('Intake receipt');
    expect(en).toContain('Order no. 1042');
    expect(en).toContain('Received: 11/13/25, 10:00 AM');
  });

  it('renders a PDF', async () => {
    const pdf = await renderIntakeReceipt(
      { repair: buildRepair(), shop, customer, photoCount: 0 },
      { locale: 'pt-BR' },
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('service report', () => {
  it('prints every line with prices and warranty, the totals, the people, the checklist and the history', () => {
    const text = textOf(serviceReportDefinition(reportInput(), { locale: 'pt-BR' }));
    for (const fact of [
      'Relatório de serviço',
      'OS nº 1042',
      'Situação: Finalizado',
      'Finalizado em: 18/11/2025, 15:00',
      'Termostato',
      'TERM-001',
      '2 UN',
      'R$ 85,50',
      'R$ 90,00',
      'Gás R600a',
      '30 dias, até 18/12/2025',
      '90 dias, até 16/02/2026',
      'Carga de gás e teste de pressão',
      'recusado pelo cliente (recomendação)',
      'Total de peças',
      'R$ 175,50',
      '− R$ 25,50',
      'R$ 300,00',
      'João Técnico',
      'Estimado: 3,5 h · Realizado: 2 h 45 min',
      'João Técnico: 2 h 45 min',
      'Todo o serviço foi feito',
      'Equipamento testado',
      'João Técnico · 18/11/2025, 14:00',
      'Gelou em 2 h',
      'Aprovado por Gerente Ana em 18/11/2025, 15:00',
      'OS aberta',
      'Não iniciado » Em andamento',
      'Em revisão » Finalizado',
      'peças ok',
      'NF-12345',
      'Garantia da OS até 16/02/2026',
      'Garantia de retorno',
      'Fotos registradas: 3',
    ]) {
      expect(text, fact).toContain(fact);
    }
  });

  it('renders a PDF in each language', async () => {
    for (const locale of ['pt-BR', 'es', 'en'] as const) {
      const pdf = await renderServiceReport(reportInput(), { locale });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});
