import type { FormErrors } from '@mantine/form';
import { ApiError } from '../../app/api';
import { applyServerErrors } from '../../app/form';

/**
 * The inventory's 409s name their field as `details.field` ("code already taken"); 400s key
 * `details` by field path. Either way the message lands on the field; true when it did.
 */
export function applyInventoryErrors(setErrors: (errors: FormErrors) => void, error: unknown): boolean {
  if (error instanceof ApiError && error.status === 409 && typeof error.details?.field === 'string') {
    setErrors({ [error.details.field]: error.message });
    return true;
  }
  return applyServerErrors(setErrors, error, [400, 409]);
}
