import { z } from 'zod';

/** API Pix (bacen/pix-api v2.x) on the wire: amounts, identifiers, statuses and the response shapes. */
export const PIX_COB_STATUSES = [
  'ATIVA',
  'CONCLUIDA',
  'REMOVIDA_PELO_USUARIO_RECEBEDOR',
  'REMOVIDA_PELO_PSP',
] as const;
export type PixCobStatus = (typeof PIX_COB_STATUSES)[number];
export const PIX_REFUND_STATUSES = ['EM_PROCESSAMENTO', 'DEVOLVIDO', 'NAO_REALIZADO'] as const;
export type PixRefundStatus = (typeof PIX_REFUND_STATUSES)[number];

export type PixRefund = {
  id: string;
  rtrId: string;
  status: PixRefundStatus;
  amountCents: number;
  requestedAt?: Date;
  settledAt?: Date;
  /** the provider's reason (motivo), mostly when NAO_REALIZADO */
  providerReason?: string;
};
export type PixPayment = {
  endToEndId: string;
  txid?: string;
  amountCents: number;
  paidAt: Date;
  payerInfo?: string;
  refunds: PixRefund[];
};
export type PixCharge = {
  txid: string;
  status: PixCobStatus;
  revision: number;
  amountCents: number;
  /** payload location for a dynamic QR code, as the provider gives it (often without a scheme) */
  location: string;
  pixCopiaECola?: string;
  createdAt: Date;
  expiresInSeconds: number;
  payments: PixPayment[];
};
// Amounts: the spec's pattern \d{1,10}\.\d{2}, converted with integer arithmetic only.
const AMOUNT_PATTERN = /^(\d{1,10})\.(\d{2})$/;
export const PIX_MAX_AMOUNT_CENTS = 999_999_999_999;
export const PIX_TXID_PATTERN = /^[a-zA-Z0-9]{26,35}$/;
export const PIX_REFUND_ID_PATTERN = /^[a-zA-Z0-9]{1,35}$/;
export const PIX_END_TO_END_ID_PATTERN = /^[a-zA-Z0-9]{32}$/;

/** 1234 → "12.34" */
export function formatPixAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0 || cents > PIX_MAX_AMOUNT_CENTS) {
    throw new RangeError(`a Pix amount must be whole cents from 0 to ${PIX_MAX_AMOUNT_CENTS}, got ${cents}`);
  }
  const fraction = cents % 100;
  return `${(cents - fraction) / 100}.${String(fraction).padStart(2, '0')}`;
}

/** "12.34" → 1234; null for anything the spec's pattern refuses ("10", "1.5", "1,00", " 1.00") */
export function parsePixAmount(value: string): number | null {
  const match = AMOUNT_PATTERN.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number(match[2]);
}

const rfc3339 = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const amountString = z.string().transform((value, ctx) => {
  const cents = parsePixAmount(value);
  if (cents === null) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value.slice(0, 20)}" is not an amount like "12.34" (\\d{1,10}\\.\\d{2})`,
    });
    return z.NEVER;
  }
  return cents;
});
const positiveAmount = amountString.refine((cents) => cents > 0, 'a Pix amount must be above 0.00');

export const RefundWireSchema = z
  .looseObject({
    id: z.string().regex(PIX_REFUND_ID_PATTERN),
    rtrId: z.string().regex(PIX_END_TO_END_ID_PATTERN),
    valor: positiveAmount,
    status: z.enum(PIX_REFUND_STATUSES),
    horario: z.looseObject({ solicitacao: rfc3339.optional(), liquidacao: rfc3339.optional() }).optional(),
    motivo: z.string().optional(),
  })
  .transform(
    (r): PixRefund => ({
      id: r.id,
      rtrId: r.rtrId,
      status: r.status,
      amountCents: r.valor,
      ...(r.horario?.solicitacao ? { requestedAt: r.horario.solicitacao } : {}),
      ...(r.horario?.liquidacao ? { settledAt: r.horario.liquidacao } : {}),
      ...(r.motivo ? { providerReason: r.motivo } : {}),
    }),
  );

/** A Pix received, as in GET /cob's `pix[]` and in the webhook callback's `pix[]`. */
export const PixReceivedSchema = z
  .looseObject({
    endToEndId: z.string().regex(PIX_END_TO_END_ID_PATTERN, 'endToEndId must be 32 letters or digits'),
    // absent (or null at some PSPs) for a Pix paid without a txid
    txid: z.string().regex(PIX_REFUND_ID_PATTERN, 'txid must be 1 to 35 letters or digits').nullish(),
    valor: positiveAmount,
    horario: rfc3339,
    infoPagador: z.string().max(140).nullish(),
    // an array in the schema; the spec's own callback example shows a single object, so take both
    devolucoes: z.union([z.array(RefundWireSchema), RefundWireSchema.transform((r) => [r])]).optional(),
  })
  .transform(
    (p): PixPayment => ({
      endToEndId: p.endToEndId,
      ...(p.txid ? { txid: p.txid } : {}),
      amountCents: p.valor,
      paidAt: p.horario,
      ...(p.infoPagador ? { payerInfo: p.infoPagador } : {}),
      refunds: p.devolucoes ?? [],
    }),
  );

export const CobWireSchema = z
  .looseObject({
    txid: z.string(),
    revisao: z.number().int(),
    status: z.enum(PIX_COB_STATUSES),
    calendario: z.looseObject({ criacao: rfc3339, expiracao: z.number().int().optional() }),
    valor: z.looseObject({ original: amountString }),
    location: z.string().optional(),
    loc: z.looseObject({ location: z.string().optional() }).optional(),
    pixCopiaECola: z.string().optional(),
    pix: z.array(PixReceivedSchema).optional(),
  })
  .transform((c, ctx): PixCharge => {
    const location = c.loc?.location ?? c.location;
    if (!location) {
      ctx.addIssue({ code: 'custom', message: 'neither loc.location nor location is present' });
      return z.NEVER;
    }
    return {
      txid: c.txid,
      status: c.status,
      revision: c.revisao,
      amountCents: c.valor.original,
      location,
      ...(c.pixCopiaECola ? { pixCopiaECola: c.pixCopiaECola } : {}),
      createdAt: c.calendario.criacao,
      // the spec's default when the provider leaves it out
      expiresInSeconds: c.calendario.expiracao ?? 86_400,
      payments: c.pix ?? [],
    };
  });

export const TokenWireSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
});

export const ProblemWireSchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  correlationId: z.string().optional(),
  violacoes: z
    .array(
      z.looseObject({
        razao: z.string().optional(),
        propriedade: z.string().optional(),
        valor: z.unknown().optional(),
      }),
    )
    .optional(),
  // RFC 6749 token errors
  error: z.string().optional(),
  error_description: z.string().optional(),
});
