import { type Role, type UserCreate, UserCreateSchema, type WorkingHours } from '@bancada/shared';
import type { AuthedContext } from '../../platform/context.js';
import type { Services } from '../../services.js';

const WEEK: WorkingHours = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).flatMap((day) => [
  { day, start: '08:00', end: '12:00' },
  { day, start: '13:00', end: '18:00' },
]);
const WITH_SATURDAY: WorkingHours = [...WEEK, { day: 'sat', start: '08:00', end: '12:00' }];

/** A small shop's staff: a manager, an attendant and technicians whose specialties match the catalog. */
export const DEMO_STAFF: Omit<UserCreate, 'password'>[] = [
  { name: 'Marcos Oliveira', email: 'marcos.gerente@demo.bancada.app', role: 'MANAGER', area: 'Gerência' },
  {
    name: 'Juliana Costa',
    email: 'juliana.atendimento@demo.bancada.app',
    role: 'ATTENDANT',
    area: 'Atendimento',
    workingHours: WITH_SATURDAY,
  },
  {
    name: 'Carlos Pereira',
    email: 'carlos.mecanico@demo.bancada.app',
    role: 'TECHNICIAN',
    area: 'Oficina mecânica',
    specialties: ['Mecânica geral', 'Freios', 'Suspensão'],
    workingHours: WITH_SATURDAY,
  },
  {
    name: 'Rafael Souza',
    email: 'rafael.refrigeracao@demo.bancada.app',
    role: 'TECHNICIAN',
    area: 'Eletrodomésticos',
    specialties: ['Refrigeração', 'Eletrônica'],
    workingHours: WEEK,
  },
  {
    name: 'Sebastião Lima',
    email: 'sebastiao.maquinas@demo.bancada.app',
    role: 'TECHNICIAN',
    area: 'Máquinas pesadas',
    specialties: ['Hidráulica', 'Mecânica geral'],
    workingHours: WEEK,
  },
];

export type DemoStaffMember = {
  id: string;
  name: string;
  email: string;
  role: Role;
  specialties: string[];
  /** generated, shown once by the CLI as the administrator's is */
  password: string;
};

/**
 * The demo's staff through the users service (audit rows, hashed passwords). The demo is its own
 * boundary: it parses what it sends, as the routes do.
 */
export async function seedUsersDemo(
  services: Services,
  ctx: AuthedContext,
  generatePassword: () => string,
): Promise<DemoStaffMember[]> {
  const staff: DemoStaffMember[] = [];
  for (const member of DEMO_STAFF) {
    const password = generatePassword();
    const user = await services.users.create(
      ctx,
      UserCreateSchema.parse({ ...member, password, branchId: ctx.actor.branchId }),
    );
    staff.push({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      specialties: member.specialties ?? [],
      password,
    });
  }
  return staff;
}
