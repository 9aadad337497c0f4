import type pg from 'pg';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createBillingModule } from './modules/billing/billing.module.js';
import { createChannelSenders } from './modules/communication/channels/senders.js';
import { createCommunicationModule } from './modules/communication/communication.module.js';
import { createCustomersModule } from './modules/customers/customers.module.js';
import { createHistoryModule } from './modules/history/history.module.js';
import { createInventoryModule } from './modules/inventory/inventory.module.js';
import { createOperationsModule } from './modules/operations/operations.module.js';
import { createOrganizationModule } from './modules/organization/organization.module.js';
import { createOutboxModule } from './modules/outbox/outbox.module.js';
import { createPortalModule } from './modules/portal/portal.module.js';
import { createPrivacyModule } from './modules/privacy/privacy.module.js';
import { createRepairsModule } from './modules/repairs/repairs.module.js';
import { createCalendarFeedModule } from './modules/scheduling/calendar-feed.module.js';
import { createSchedulingModule } from './modules/scheduling/scheduling.module.js';
import { createSearchModule } from './modules/search/search.module.js';
import { createUsersModule } from './modules/users/users.module.js';
import type { Cipher } from './platform/crypto.js';
import type { Jobs } from './platform/jobs.js';
import type { Mailer } from './platform/mailer.js';
import type { ModuleDeps } from './platform/module.js';
import { createUploadsStorage } from './platform/storage-s3.js';
import { createSealedStorage } from './platform/storage-sealed.js';
import type { TokenSigner } from './platform/tokens.js';

export type Deps = {
  config: Config;
  db: Database;
  pool: pg.Pool;
  jobs: Jobs;
  mailer: Mailer;
  signer: TokenSigner;
  /** personal data at rest: AES-256-GCM and keyed lookup hashes */
  cipher: Cipher;
  /** true when the database is the embedded server this process started */
  embedded: boolean;
};

/**
 * The composition root: builds every module once, lowest first (the order of the module map in
 * docs/architecture.md), for the HTTP app, the job worker and the CLI. A module receives the services
 * of the modules it may use; nothing else wires modules together.
 */
export function createServices(deps: Deps) {
  const infra: ModuleDeps = {
    ...deps,
    // photos and other attachments: DATA_DIR/uploads, or an S3-compatible bucket (UPLOADS_S3_BUCKET)
    // encrypted at rest with the keyring (issue 13 §3, decision 0010), whichever store holds them
    storage: createSealedStorage(createUploadsStorage(deps.config), deps.cipher),
  };
  const { organization } = createOrganizationModule(infra);
  // WhatsApp and SMS through their providers when configured (issue 14 §2)
  const { outbox } = createOutboxModule({ ...infra, senders: createChannelSenders(deps.config) });
  const { users, auth } = createUsersModule({
    ...infra,
    organization,
    outbox,
    // checks that reach up the map run only at request time, when every module exists
    customerExists: (executor, organizationId, id) => customers.exists(executor, organizationId, id),
  });
  const { customers, assets } = createCustomersModule({ ...infra, users, organization });
  const { search } = createSearchModule({ ...infra, customers });
  const { stock, components, suppliers, purchaseOrders, tools } = createInventoryModule({
    ...infra,
    users,
    organization,
    outbox,
    repairExists: (executor, organizationId, id) => repairs.exists(executor, organizationId, id),
    // a received purchase order moves the orders that waited for its parts (issue 14 §8)
    partsArrived: (tx, ctx, repairId) => repairStatus.partsArrived(tx, ctx, repairId),
  });
  const { invoices, payments, cash, pix, invoiceLinks, pixApi, fiscal, payables, billingDocuments } =
    createBillingModule({
      ...infra,
      customers,
      organization,
      components,
      stock,
      purchaseOrders,
      // a deposit's order, answered by repairs (higher in the map) at request time
      orderForDeposit: (executor, organizationId, id) => repairs.forDeposit(executor, organizationId, id),
      // the invoice PDF's asset line, read through repairs at request time
      orderAsset: (ctx, id) => repairs.get(ctx, id),
    });
  const {
    repairs,
    repairStatus,
    repairTime,
    technicians,
    repairPhotos,
    repairDocuments,
    estimates,
    serviceCatalog,
    photoRetention,
  } = createRepairsModule({
    ...infra,
    customers,
    assets,
    stock,
    components,
    users,
    organization,
    outbox,
    invoices,
  });
  // appointments, bays and the shop's calendar (issue 15 §1); an arrival opens a service order
  const {
    availability: appointmentAvailability,
    appointments,
    bays,
    appointmentReminders,
  } = createSchedulingModule({ ...infra, customers, assets, users, organization, outbox, repairs });
  // iCalendar feeds of technicians' and customers' appointments (issue 15 §1)
  const { calendarFeeds } = createCalendarFeedModule({
    ...infra,
    organization,
    users,
    customers,
    assets,
    // the events' service names come from repairs' catalog
    catalogServices: serviceCatalog.summariesByIds,
  });
  // backups of the whole installation and the weekly audit checkpoint (issue 13 §1, §7)
  const { backups, auditCheckpoint } = createOperationsModule({ ...infra, organization, users, outbox });
  // communication with customers (issue 14): near the top of the map, below privacy
  const { notifications, maintenance, feedback, campaigns, support, communicationExport } =
    createCommunicationModule({
      ...infra,
      customers,
      assets,
      organization,
      outbox,
      users,
      purchaseOrders,
      repairs,
      repairDocuments,
      invoiceLinks,
      billingDocuments,
    });
  // privacy's export reads communication and scheduling, and the portal calls privacy: both after them
  const { privacyExport, privacyConsents, privacyRetention, privacyIncidents, privacyPolicy } =
    createPrivacyModule({
      ...infra,
      customers,
      assets,
      repairs,
      estimates,
      repairPhotos,
      photoRetention,
      invoices,
      organization,
      communicationExport,
      appointments,
    });
  // customer accounts and LGPD requests (issue 15 §2)
  const { portalAccounts, portalDataRequests } = createPortalModule({
    ...infra,
    users,
    auth,
    customers,
    organization,
    outbox,
    privacyPolicy,
  });
  // the timelines read the maintenance reminders, so history comes after communication
  const { history } = createHistoryModule({ ...infra, repairs, customers, assets, maintenance });
  return {
    storage: infra.storage,
    backups,
    auditCheckpoint,
    organization,
    outbox,
    users,
    auth,
    customers,
    assets,
    search,
    history,
    stock,
    components,
    suppliers,
    purchaseOrders,
    tools,
    repairs,
    repairStatus,
    repairTime,
    technicians,
    repairPhotos,
    repairDocuments,
    estimates,
    serviceCatalog,
    calendarFeeds,
    appointmentAvailability,
    appointments,
    bays,
    appointmentReminders,
    invoices,
    payments,
    cash,
    pix,
    invoiceLinks,
    pixApi,
    fiscal,
    payables,
    billingDocuments,
    privacyExport,
    privacyConsents,
    privacyRetention,
    privacyIncidents,
    privacyPolicy,
    portalAccounts,
    portalDataRequests,
    notifications,
    maintenance,
    feedback,
    campaigns,
    support,
  };
}
export type Services = ReturnType<typeof createServices>;
