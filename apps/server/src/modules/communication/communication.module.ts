import { createCampaignsService } from './campaigns/campaigns.service.js';
import type { CommunicationDeps } from './communication.deps.js';
import { createCommunicationExportService } from './export.service.js';
import { createFeedbackService } from './feedback/feedback.service.js';
import { createMaintenanceService } from './maintenance/maintenance.service.js';
import { createNotificationsService } from './notifications/notifications.service.js';
import { createSupportService } from './support/support.service.js';

export type { CommunicationDeps };

/**
 * Communication with customers (issue 14): notification events into messages on every channel,
 * conversations and the WhatsApp webhook, templates, maintenance reminders, feedback, campaigns,
 * tickets and FAQ.
 */
export function createCommunicationModule(deps: CommunicationDeps) {
  const feedback = createFeedbackService(deps);
  // the delivered order's message carries the feedback link
  const notifications = createNotificationsService({ ...deps, feedback });
  const maintenance = createMaintenanceService(deps);
  const campaigns = createCampaignsService(deps);
  const support = createSupportService(deps);
  // for privacy's data export (LGPD art. 18)
  const communicationExport = createCommunicationExportService(deps);
  return { notifications, maintenance, feedback, campaigns, support, communicationExport };
}
