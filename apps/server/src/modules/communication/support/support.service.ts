import type { ModuleDeps } from '../../../platform/module.js';
import type { CustomersService } from '../../customers/customers.service.js';
import type { RepairsService } from '../../repairs/orders/repairs.service.js';
import type { UsersService } from '../../users/users.service.js';
import { createFaqService } from './faq.service.js';
import { createSupportRepo } from './support.repo.js';
import { createTicketsService } from './tickets.service.js';

/**
 * What support needs of the communication module's deps (`CommunicationDeps` is one): named here rather
 * than imported from communication.module.ts, which imports this file (no import cycle).
 */
export type SupportDeps = Pick<ModuleDeps, 'db' | 'pool'> & {
  customers: Pick<CustomersService, 'exists' | 'namesByIds'>;
  users: Pick<UsersService, 'activeStaff' | 'namesByIds'>;
  repairs: Pick<RepairsService, 'exists'>;
  /** tests fix the time (SLA due times, overdue flags) */
  now?: () => Date;
};

/** Support (issue 14 §7): tickets with their messages and SLA, and the FAQ and tutorial articles. */
export function createSupportService(deps: SupportDeps) {
  const repo = createSupportRepo();
  const clock = deps.now ?? (() => new Date());
  const tickets = createTicketsService({ ...deps, repo, clock });
  const faq = createFaqService({ ...deps, repo });
  return {
    listTickets: tickets.list,
    getTicket: tickets.get,
    createTicket: tickets.create,
    updateTicket: tickets.update,
    addTicketMessage: tickets.addMessage,
    listFaq: faq.list,
    createFaq: faq.create,
    updateFaq: faq.update,
    deleteFaq: faq.remove,
  };
}
export type SupportService = ReturnType<typeof createSupportService>;
