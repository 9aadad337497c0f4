import type { ModuleDeps } from '../../platform/module.js';
import type { BillingDocumentsService } from '../billing/billing-documents.service.js';
import type { InvoiceLinksService } from '../billing/invoice-links.service.js';
import type { AssetsService } from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { PurchaseOrdersService } from '../inventory/purchase-orders.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { RepairDocumentsService } from '../repairs/documents/documents.service.js';
import type { RepairsService } from '../repairs/orders/repairs.service.js';
import type { UsersService } from '../users/users.service.js';

/** What the communication module receives from the composition root: infrastructure and lower modules. */
export type CommunicationDeps = ModuleDeps & {
  customers: CustomersService;
  assets: AssetsService;
  organization: OrganizationService;
  outbox: OutboxService;
  users: UsersService;
  purchaseOrders: PurchaseOrdersService;
  repairs: RepairsService;
  repairDocuments: RepairDocumentsService;
  /** an invoice's Pix link and PDF for the invoice_issued message */
  invoiceLinks: InvoiceLinksService;
  billingDocuments: BillingDocumentsService;
};
