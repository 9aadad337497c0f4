import { type FormValidateInput, useForm } from '@mantine/form';
import type { UseMutationResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Versioned } from './api';
import { applyServerErrors } from './form';

/**
 * The edit form of a versioned record: starts from the record, starts over when a newer version
 * arrives (reloaded after a 412), sends only what changed with the record's ETag, and puts the
 * server's field errors (400, 409) on the fields.
 */
export function useVersionedEditForm<
  T extends { version: number },
  // biome-ignore lint/suspicious/noExplicitAny: Mantine's own constraint on form values
  V extends Record<string, any>,
  B extends object,
>({
  resource,
  toValues,
  validate,
  toBody,
  update,
  onSaved,
  onClose,
}: {
  resource: Versioned<T>;
  toValues: (data: T) => V;
  validate: FormValidateInput<V>;
  toBody: (initial: V, values: V) => B;
  update: UseMutationResult<Versioned<T>, Error, { etag: string; body: B }>;
  onSaved: (data: T) => void;
  onClose: () => void;
}) {
  const form = useForm<V>({ initialValues: toValues(resource.data), validate });

  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the version only
  useEffect(() => {
    const values = toValues(resource.data);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    update.reset();
  }, [resource.data.version]);

  const submit = form.onSubmit((values) => {
    const body = toBody(form.getInitialValues(), values);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { etag: resource.etag, body },
      {
        onSuccess: ({ data }) => {
          onSaved(data);
          onClose();
        },
        onError: (error) => applyServerErrors(form.setErrors, error, [400, 409]),
      },
    );
  });
  return { form, submit };
}
