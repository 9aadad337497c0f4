import {
  buildDynamicPixPayload,
  buildPixPayload,
  fromCents,
  type InvoicePix,
  type PixKeyType,
  pixCobTxid,
} from '@bancada/shared';
import QRCode from 'qrcode';
import type { Database } from '../../db/client.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { InvoiceRow, InvoicesRepo } from './invoices.repo.js';
import type { PixApi } from './pix/pix-api.js';
import type { PixChargesRepo } from './pix-charges.repo.js';

export type PixServiceDeps = {
  db: Database;
  repo: InvoicesRepo;
  charges: PixChargesRepo;
  organization: Pick<OrganizationService, 'profile'>;
  /** the provider's API Pix; absent: static BR Codes only (staff confirm Pix payments by hand) */
  api?: PixApi | undefined;
  chargeExpirySeconds: number;
  now?: () => Date;
  log?: (message: string) => void;
};

/** QR code of a payload, as SVG text and as PNG bytes (error correction M, as banks' apps expect). */
export async function pixQr(payload: string, type: 'svg'): Promise<string>;
export async function pixQr(payload: string, type: 'png'): Promise<Buffer>;
export async function pixQr(payload: string, type: 'svg' | 'png'): Promise<string | Buffer> {
  const options = { margin: 2, errorCorrectionLevel: 'M' as const };
  return type === 'svg'
    ? QRCode.toString(payload, { ...options, type: 'svg' })
    : QRCode.toBuffer(payload, { ...options, type: 'png', width: 480 });
}

/**
 * The Pix a customer pays an invoice's open balance with. With a provider configured, a dynamic
 * charge (confirmed by the provider's webhook) is made once per balance and reused until it expires;
 * without one, or when the provider fails, the static BR Code with the shop's key and the invoice's
 * txid (field 54 = the balance).
 */
export function createPixService(deps: PixServiceDeps) {
  const { repo, organization } = deps;
  const clock = deps.now ?? (() => new Date());

  type PixCode = { payload: string; txid: string; dynamic: boolean; expiresAt: string | null };

  async function staticPix(executor: Database, invoice: InvoiceRow, balanceCents: number): Promise<PixCode> {
    const profile = await organization.profile(executor, invoice.organizationId);
    if (!profile?.pixKey || !profile.pixKeyType)
      throw new AppError('UNPROCESSABLE', 'billing.pix_key_missing');
    const payload = buildPixPayload({
      key: profile.pixKey,
      keyType: profile.pixKeyType as PixKeyType,
      name: profile.name,
      city: profile.address.city || 'BRASIL',
      amountCents: balanceCents,
      txid: invoice.pixTxid,
      reusable: false,
    });
    return { payload, txid: invoice.pixTxid, dynamic: false, expiresAt: null };
  }

  async function dynamicPix(
    executor: Database,
    invoice: InvoiceRow,
    balanceCents: number,
    api: PixApi,
  ): Promise<PixCode> {
    const now = clock();
    const live = await deps.charges.live(executor, invoice.id, balanceCents, now);
    if (live) {
      return {
        payload: live.payload,
        txid: live.txid,
        dynamic: true,
        expiresAt: live.expiresAt.toISOString(),
      };
    }
    const profile = await organization.profile(executor, invoice.organizationId);
    const charge = await api.createCharge({
      txid: pixCobTxid(),
      amountCents: balanceCents,
      expiresInSeconds: deps.chargeExpirySeconds,
      payerRequest: `Fatura ${invoice.number ?? ''}`.trim(),
    });
    const payload =
      charge.pixCopiaECola ??
      buildDynamicPixPayload({
        location: charge.location,
        name: profile?.name ?? 'Bancada',
        city: profile?.address.city || 'BRASIL',
        amountCents: balanceCents,
      });
    const expiresAt = new Date(charge.createdAt.getTime() + charge.expiresInSeconds * 1000);
    await deps.charges.insert(executor, {
      organizationId: invoice.organizationId,
      invoiceId: invoice.id,
      txid: charge.txid,
      amountCents: balanceCents,
      location: charge.location,
      payload,
      status: charge.status,
      expiresAt,
    });
    return { payload, txid: charge.txid, dynamic: true, expiresAt: expiresAt.toISOString() };
  }

  return {
    /** true when a provider confirms payments (dynamic charges) */
    dynamic: Boolean(deps.api),
    /** `pngUrl`: where the same code is served as an image (the staff route or the customer's link). */
    async forInvoice(executor: Database, invoice: InvoiceRow, pngUrl: string): Promise<InvoicePix> {
      const balanceCents = invoice.totalCents - invoice.paidCents;
      if (invoice.status === 'CANCELLED' || balanceCents <= 0) {
        throw new AppError('UNPROCESSABLE', 'billing.pix_nothing_due');
      }
      let pix: PixCode;
      if (deps.api) {
        try {
          pix = await dynamicPix(executor, invoice, balanceCents, deps.api);
        } catch (error) {
          // the provider down must not stop the customer paying: the static code still works
          deps.log?.(`dynamic Pix failed, static BR Code served instead: ${(error as Error).message}`);
          pix = await staticPix(executor, invoice, balanceCents);
        }
      } else {
        pix = await staticPix(executor, invoice, balanceCents);
      }
      return {
        ...pix,
        amount: fromCents(balanceCents),
        qrSvg: await pixQr(pix.payload, 'svg'),
        qrPngUrl: pngUrl,
      };
    },

    /** The invoice a paid txid belongs to: a dynamic charge's, else an invoice's static txid. */
    async invoiceOfTxid(executor: Database, txid: string) {
      const charge = await deps.charges.byTxid(executor, txid);
      if (charge) {
        const invoice = await repo.find(executor, charge.organizationId, charge.invoiceId);
        return invoice ? { invoice, chargedCents: charge.amountCents } : undefined;
      }
      const invoice = await repo.findByTxid(executor, txid);
      return invoice ? { invoice, chargedCents: null } : undefined;
    },

    /** Staff: the Pix of an invoice of their organization. */
    async forStaff(ctx: AuthedContext, id: string): Promise<InvoicePix> {
      assertCan(ctx, 'invoices:read');
      const invoice = await requireInvoice(ctx.actor.organizationId, id);
      return this.forInvoice(deps.db, invoice, `/api/invoices/${invoice.id}/pix.png`);
    },
    async pngForStaff(ctx: AuthedContext, id: string): Promise<Buffer> {
      assertCan(ctx, 'invoices:read');
      const invoice = await requireInvoice(ctx.actor.organizationId, id);
      return pixQr((await this.forInvoice(deps.db, invoice, '')).payload, 'png');
    },
  };

  async function requireInvoice(organizationId: string, id: string) {
    const invoice = await repo.find(deps.db, organizationId, id);
    if (!invoice) throw notFound('billing.invoice_not_found');
    return invoice;
  }
}
export type PixService = ReturnType<typeof createPixService>;
