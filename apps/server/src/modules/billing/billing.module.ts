import type { Database } from '../../db/client.js';
import type { ModuleDeps } from '../../platform/module.js';
import { createSignedLinks } from '../../platform/signed-links.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { ComponentsService } from '../inventory/components.service.js';
import type { PurchaseOrdersService } from '../inventory/purchase-orders.service.js';
import type { StockService } from '../inventory/stock.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { createBillingDocuments, type OrderAsset } from './billing-documents.service.js';
import { createCashService } from './cash.service.js';
import { createExportsRepo } from './exports.repo.js';
import { createFocusNfeProvider } from './fiscal/focus-nfe.js';
import { createFiscalRepo } from './fiscal.repo.js';
import { createFiscalService } from './fiscal.service.js';
import { createInvoiceLinks } from './invoice-links.service.js';
import { createInvoicesRepo } from './invoices.repo.js';
import { createInvoicesService } from './invoices.service.js';
import { createPayablesRepo } from './payables.repo.js';
import { createPayablesService } from './payables.service.js';
import { createPaymentsService, type OrderForDeposit } from './payments.service.js';
import { createPixApi, PixProviderError } from './pix/pix-api.js';
import { createPixService } from './pix.service.js';
import { createPixChargesRepo } from './pix-charges.repo.js';

/**
 * Billing (issue 12): invoices, payments and refunds, the cash register, Pix. Above customers,
 * inventory and organization; repairs calls it when an order is finished (`issueForOrder`), and
 * answers `orderForDeposit` through the composition root.
 */
export function createBillingModule(
  deps: ModuleDeps & {
    customers: CustomersService;
    organization: OrganizationService;
    components: ComponentsService;
    stock: StockService;
    orderForDeposit: OrderForDeposit;
    orderAsset?: OrderAsset;
    purchaseOrders: Pick<PurchaseOrdersService, 'receivedForBill' | 'supplierNameOf'>;
    log?: (message: string) => void;
  },
) {
  const { db, pool, config, customers, organization } = deps;
  const repo = createInvoicesRepo();
  const charges = createPixChargesRepo();
  const pixApi = config.pix ? createPixApi(config.pix) : undefined;
  const invoices = createInvoicesService({
    db,
    pool,
    repo,
    customers,
    organization,
    components: deps.components,
    stock: deps.stock,
  });
  const timeZoneOf = async (executor: Database, organizationId: string) =>
    (await organization.profile(executor, organizationId))?.timeZone ?? 'America/Sao_Paulo';
  const cash = createCashService({ db, pool, timeZoneOf });
  const pix = createPixService({
    db,
    repo,
    charges,
    organization,
    api: pixApi,
    chargeExpirySeconds: config.pix?.chargeExpirySeconds ?? 3600,
    ...(deps.log ? { log: deps.log } : {}),
  });
  const payments = createPaymentsService({
    db,
    pool,
    repo,
    invoices,
    cash,
    orderForDeposit: deps.orderForDeposit,
    invoiceOfTxid: pix.invoiceOfTxid,
    markChargePaid: charges.markPaid,
    pixRefund: pixApi
      ? async (input) => {
          try {
            const refund = await pixApi.refund(input);
            const status = { DEVOLVIDO: 'COMPLETED', NAO_REALIZADO: 'FAILED' } as const;
            return {
              status: refund.status in status ? status[refund.status as keyof typeof status] : 'PROCESSING',
              providerMessage: refund.providerReason ?? null,
            };
          } catch (error) {
            // a refusal is final; a provider that did not answer may still have returned the money
            if (error instanceof PixProviderError && error.kind === 'rejected') {
              return { status: 'FAILED', providerMessage: error.providerMessage ?? error.message };
            }
            return { status: 'PROCESSING', providerMessage: (error as Error).message };
          }
        }
      : undefined,
  });
  const links = createInvoiceLinks({
    db,
    repo,
    pix,
    invoices,
    organization,
    links: createSignedLinks(deps.cipher),
    publicUrl: config.publicUrl,
  });
  // NFS-e through Focus NFe (decision 0009); without a token documents are recorded by hand only
  const fiscalSettings = config.fiscal;
  const fiscal = createFiscalService({
    db,
    pool,
    repo: createFiscalRepo(),
    invoices: repo,
    customers,
    organization,
    provider: fiscalSettings
      ? createFocusNfeProvider({
          token: fiscalSettings.token,
          environment: fiscalSettings.environment,
          timeoutMs: fiscalSettings.timeoutMs,
          ...(fiscalSettings.baseUrl ? { baseUrl: fiscalSettings.baseUrl } : {}),
        })
      : undefined,
    environment: fiscalSettings?.environment ?? 'homologacao',
    timeoutMs: fiscalSettings?.timeoutMs ?? 20_000,
  });
  const payables = createPayablesService({
    db,
    pool,
    repo: createPayablesRepo(),
    purchaseOrders: deps.purchaseOrders,
    timeZoneOf,
  });
  const billingDocuments = createBillingDocuments({
    db,
    invoices,
    repo,
    exports: createExportsRepo(),
    pix,
    organization,
    customers,
    orderAsset: deps.orderAsset,
  });
  return { invoices, payments, cash, pix, invoiceLinks: links, pixApi, fiscal, payables, billingDocuments };
}
