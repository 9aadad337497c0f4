import { z } from 'zod';
import { PERMISSIONS } from '../permissions.js';
import { ROLES } from '../roles.js';

const PermissionEnum = z.enum(PERMISSIONS as [string, ...string[]]);

export const PermissionMatrixSchema = z
  .object({
    roles: z.array(z.enum(ROLES)),
    permissions: z.array(
      z.object({
        permission: PermissionEnum,
        defaultRoles: z.array(z.enum(ROLES)),
        roles: z.array(z.enum(ROLES)),
        adjusted: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'PermissionMatrix' });
export type PermissionMatrix = z.infer<typeof PermissionMatrixSchema>;

/** Replace the grant of one or more permissions; `null` restores the default. */
export const PermissionGrantsUpdateSchema = z.object({
  grants: z.partialRecord(PermissionEnum, z.array(z.enum(ROLES)).max(ROLES.length).nullable()),
});
export type PermissionGrantsUpdate = z.input<typeof PermissionGrantsUpdateSchema>;
