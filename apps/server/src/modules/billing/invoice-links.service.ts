import type { Invoice, InvoiceLink, InvoicePix, PublicInvoice } from '@bancada/shared';
import type { Database } from '../../db/client.js';
import type { AuthedContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { SignedLinks } from '../../platform/signed-links.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { InvoicesRepo } from './invoices.repo.js';
import { assertMayReadInvoices, assertOwnInvoice, type InvoicesService } from './invoices.service.js';
import type { PixService } from './pix.service.js';
import { pixQr } from './pix.service.js';

const PURPOSE = 'invoice';
const LINK_DAYS = 60;

/**
 * The customer's no-login link to an invoice (the estimates' signed-link mechanism, its own purpose):
 * they see it and pay the balance by Pix on their phone.
 */
export function createInvoiceLinks(deps: {
  db: Database;
  repo: InvoicesRepo;
  pix: PixService;
  invoices: Pick<InvoicesService, 'loadFor'>;
  organization: Pick<OrganizationService, 'profile'>;
  links: SignedLinks;
  publicUrl: string;
  now?: () => Date;
}) {
  const { db, repo, links, organization } = deps;
  const clock = deps.now ?? (() => new Date());

  async function invoiceOf(token: string) {
    const link = links.verify(PURPOSE, token);
    if (!link) throw new AppError('UNAUTHORIZED', 'billing.invoice_link_invalid');
    if (link.expiresAt.getTime() < clock().getTime()) {
      throw new AppError('UNAUTHORIZED', 'billing.invoice_link_expired');
    }
    const row = await repo.findAnyOrganization(db, link.id);
    if (!row || row.status === 'CANCELLED') throw notFound('billing.invoice_not_found');
    return row;
  }

  return {
    /** Staff with invoices:read, or the invoice's own CUSTOMER paying from the portal (another's: 404). */
    async linkFor(ctx: AuthedContext, invoiceId: string): Promise<InvoiceLink> {
      assertMayReadInvoices(ctx);
      const invoice = await repo.find(db, ctx.actor.organizationId, invoiceId);
      if (!invoice) throw notFound('billing.invoice_not_found');
      assertOwnInvoice(ctx, invoice);
      const profile = await organization.profile(db, invoice.organizationId);
      const expiresAt = new Date(clock().getTime() + LINK_DAYS * 86_400_000);
      const token = links.sign(PURPOSE, invoice.id, expiresAt);
      return {
        url: `${profile?.publicUrl ?? deps.publicUrl}/pay/${token}`,
        expiresAt: expiresAt.toISOString(),
      };
    },

    async view(token: string): Promise<PublicInvoice> {
      const row = await invoiceOf(token);
      const profile = await organization.profile(db, row.organizationId);
      const staffView: Invoice = await deps.invoices.loadFor(db, row.organizationId, row.id);
      return {
        number: staffView.number,
        status: staffView.status,
        overdue: staffView.overdue,
        shopName: profile?.name ?? '',
        customerName: staffView.customerName,
        repairNumber: staffView.repairNumber,
        lines: staffView.lines.map(({ componentId: _c, ...line }) => line),
        subtotal: staffView.subtotal,
        discount: staffView.discount,
        total: staffView.total,
        paid: staffView.paid,
        balance: staffView.balance,
        dueDate: staffView.dueDate,
        paymentTerms: staffView.paymentTerms,
        pixAvailable: Boolean(profile?.pixKey) || deps.pix.dynamic,
        currency: profile?.currency ?? 'BRL',
      };
    },

    async pix(token: string): Promise<InvoicePix> {
      const row = await invoiceOf(token);
      return deps.pix.forInvoice(db, row, `/api/public/invoices/${token}/pix.png`);
    },

    async pixPng(token: string): Promise<Buffer> {
      const row = await invoiceOf(token);
      const pix = await deps.pix.forInvoice(db, row, '');
      return pixQr(pix.payload, 'png');
    },
  };
}

export type InvoiceLinksService = ReturnType<typeof createInvoiceLinks>;
