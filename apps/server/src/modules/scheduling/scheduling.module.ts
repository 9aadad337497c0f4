import type { ModuleDeps } from '../../platform/module.js';
import { createAppointmentReminders } from './appointment-reminders.js';
import { createAppointmentsService } from './appointments.service.js';
import { createAvailability } from './availability.js';
import { createBaysService } from './bays.service.js';
import { createCapacity } from './capacity.js';
import type { SchedulingDeps } from './scheduling.deps.js';
import { createSchedulingRepo } from './scheduling.repo.js';

/** Appointments, bays, holidays, free slots and capacity (issue 15 §1). */
export function createSchedulingModule(deps: ModuleDeps & Omit<SchedulingDeps, 'repo'>) {
  const shared: SchedulingDeps = { ...deps, repo: createSchedulingRepo() };
  const availability = createAvailability(shared);
  return {
    availability: { ...availability, capacity: createCapacity({ ...shared, availability }) },
    appointments: createAppointmentsService({ ...shared, availability }),
    bays: createBaysService({ ...shared, availability }),
    appointmentReminders: createAppointmentReminders(shared),
  };
}
