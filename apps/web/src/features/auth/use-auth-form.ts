import type { FormErrors } from '@mantine/form';
import { type ChangeEvent, type FormEvent, useState } from 'react';

type FieldValue = string | boolean;

interface InputProps {
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: FormErrors[string];
}

interface CheckboxProps {
  checked: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: FormErrors[string];
}

/**
 * The public pages' forms: a few flat fields validated on submit (with `zodResolver` and the shared
 * schema, like every form of the app), each field's error cleared as it is edited. @mantine/form does
 * the same for the rest of the app; the sign-in page, the first one most visits load, does without its
 * code.
 */
export function useAuthForm<Values extends { [Field in keyof Values]: FieldValue }>({
  initialValues,
  validate,
}: {
  initialValues: Values;
  validate: (values: Values) => FormErrors;
}) {
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FormErrors>({});

  const setFieldValue = (field: keyof Values & string, value: FieldValue) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => {
      if (!(field in current)) return current;
      const { [field]: _cleared, ...rest } = current;
      return rest;
    });
  };

  const getInputProps = (field: keyof Values & string): InputProps => ({
    value: String(values[field]),
    onChange: (event) => setFieldValue(field, event.currentTarget.value),
    error: errors[field],
  });

  const getCheckboxProps = (field: keyof Values & string): CheckboxProps => ({
    checked: values[field] === true,
    onChange: (event) => setFieldValue(field, event.currentTarget.checked),
    error: errors[field],
  });

  /** the form's submit handler: `handle` gets the values when they are valid, the fields their errors otherwise */
  const onSubmit = (handle: (values: Values) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length === 0) handle(values);
  };

  return { values, errors, setErrors, getInputProps, getCheckboxProps, onSubmit };
}
