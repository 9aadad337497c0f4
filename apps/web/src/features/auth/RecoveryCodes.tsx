import { Alert, Button, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCopy, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A printable page with nothing but the codes (the app's own page would print its whole frame). */
function printCodes(title: string, codes: string[]): void {
  const win = window.open('', '_blank', 'width=480,height=640');
  if (!win) return;
  const doc = win.document;
  doc.title = title;
  const heading = doc.createElement('h1');
  heading.textContent = title;
  heading.style.font = '600 18px system-ui, sans-serif';
  const list = doc.createElement('ol');
  list.style.font = '16px ui-monospace, monospace';
  list.style.lineHeight = '1.8';
  for (const code of codes) {
    const item = doc.createElement('li');
    item.textContent = code;
    list.append(item);
  }
  doc.body.append(heading, list);
  win.focus();
  win.print();
}

/** The recovery codes, shown once right after the second factor is turned on: copy or print them. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
        {t('auth.twoFactor.recoveryCodesOnce')}
      </Alert>
      <SimpleGrid
        cols={2}
        spacing="xs"
        component="ol"
        aria-label={t('auth.twoFactor.recoveryCodesTitle')}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {codes.map((code) => (
          <Text component="li" key={code} ta="center">
            <Code fz="sm">{code}</Code>
          </Text>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <Button variant="light" size="xs" leftSection={<IconCopy size={16} aria-hidden />} onClick={copy}>
          {copied ? t('auth.twoFactor.copied') : t('auth.twoFactor.copy')}
        </Button>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPrinter size={16} aria-hidden />}
          onClick={() => printCodes(t('auth.twoFactor.recoveryCodesTitle'), codes)}
        >
          {t('auth.twoFactor.print')}
        </Button>
      </Group>
    </Stack>
  );
}
