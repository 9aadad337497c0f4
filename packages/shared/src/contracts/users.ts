import { z } from 'zod';
import { LOCALES } from '../locales.js';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { ROLES } from '../roles.js';
import { textParam } from '../text.js';
import { EmailSchema, PasswordSchema } from './common.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const TimeSchema = z
  .string()
  .max(5, { message: 'validation.time' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.time' });

/** A technician's working hours: per weekday, zero or more [start, end) intervals. */
export const WorkingHoursSchema = z
  .array(
    z
      .object({ day: z.enum(WEEKDAYS), start: TimeSchema, end: TimeSchema })
      .refine((i) => i.start < i.end, { message: 'validation.time_range', path: ['end'] }),
  )
  .max(50);
export type WorkingHours = z.infer<typeof WorkingHoursSchema>;

export const UserSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    area: z.string().nullable(),
    phone: z.string().nullable(),
    locale: z.enum(LOCALES),
    active: z.boolean(),
    branchId: z.uuid().nullable(),
    specialties: z.array(z.string()),
    workingHours: WorkingHoursSchema,
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    /** a CUSTOMER login's own customer record */
    customerId: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

const NameSchema = z.string().trim().min(2, { message: 'validation.name_min' }).max(120);

export const UserCreateSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  role: z.enum(ROLES),
  area: z.string().trim().max(80).nullish(),
  phone: z.string().trim().max(30).nullish(),
  locale: z.enum(LOCALES).optional(),
  branchId: z.uuid().nullish(),
  specialties: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
  workingHours: WorkingHoursSchema.optional(),
  /** only with role CUSTOMER: the customer record this login belongs to */
  customerId: z.uuid().nullish(),
});
export type UserCreate = z.input<typeof UserCreateSchema>;

export const UserUpdateSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    role: z.enum(ROLES),
    area: z.string().trim().max(80).nullable(),
    phone: z.string().trim().max(30).nullable(),
    locale: z.enum(LOCALES),
    active: z.boolean(),
    branchId: z.uuid().nullable(),
    specialties: z.array(z.string().trim().min(1).max(60)).max(30),
    workingHours: WorkingHoursSchema,
    /** only for role CUSTOMER; null unlinks */
    customerId: z.uuid().nullable(),
    /** an administrator may unlock an account locked by failed logins */
    unlock: z.literal(true),
  })
  .partial();
export type UserUpdate = z.input<typeof UserUpdateSchema>;

export const UserListQuerySchema = PaginationQuerySchema.extend({
  q: textParam(100).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type UserListQuery = z.input<typeof UserListQuerySchema>;
export const UserPageSchema = pageOf(UserSchema);
export type UserPage = z.infer<typeof UserPageSchema>;

/** "My account": what a user may change about themselves. */
export const ProfileUpdateSchema = z.object({
  name: NameSchema.optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  locale: z.enum(LOCALES).optional(),
});
export type ProfileUpdate = z.input<typeof ProfileUpdateSchema>;
