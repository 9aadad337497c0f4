import type { ModuleDeps } from '../../platform/module.js';
import type { InvoicesService } from '../billing/invoices.service.js';
import type { CommunicationExportService } from '../communication/export.service.js';
import type { AssetsService } from '../customers/assets.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { EstimatesService } from '../repairs/estimates/estimates.service.js';
import type { RepairsService } from '../repairs/orders/repairs.service.js';
import type { PhotoRetentionService } from '../repairs/photos/photo-retention.service.js';
import type { RepairPhotosService } from '../repairs/photos/photos.service.js';
import type { AppointmentsService } from '../scheduling/appointments.service.js';
import { createConsentReportService } from './consents.service.js';
import { createDataExportService } from './export.service.js';
import { createIncidentsService } from './incidents.service.js';
import { createPolicyService } from './policy.service.js';
import { createPrivacyRepo } from './privacy.repo.js';
import { createRetentionService } from './retention.service.js';

/** LGPD tooling (issue 13 §6): export, anonymisation, consent report, retention, incidents, policy. */
export function createPrivacyModule(
  deps: ModuleDeps & {
    customers: CustomersService;
    assets: AssetsService;
    repairs: RepairsService;
    estimates: EstimatesService;
    repairPhotos: RepairPhotosService;
    photoRetention: PhotoRetentionService;
    invoices: InvoicesService;
    organization: OrganizationService;
    /** the export's conversations, messages, tickets, feedback and maintenance */
    communicationExport: CommunicationExportService;
    /** the export's appointments */
    appointments: AppointmentsService;
    /** tests pass a fixed clock */
    clock?: () => Date;
  },
) {
  const { db, pool } = deps;
  const clock = deps.clock ?? (() => new Date());
  const repo = createPrivacyRepo();
  return {
    privacyExport: createDataExportService(deps),
    privacyConsents: createConsentReportService(deps),
    privacyRetention: createRetentionService({ ...deps, repo, clock }),
    privacyIncidents: createIncidentsService({ db, pool, repo, organization: deps.organization, clock }),
    privacyPolicy: createPolicyService({ db, pool, repo, organization: deps.organization }),
  };
}
