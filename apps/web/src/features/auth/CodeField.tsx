import { TextInput, type TextInputProps } from '@mantine/core';

/**
 * The 6-digit authenticator code: the numeric keyboard on phones and the browser's one-time-code
 * autofill (a code from an SMS or a password manager).
 */
export function CodeField(props: TextInputProps) {
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={7}
      styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
      {...props}
    />
  );
}
