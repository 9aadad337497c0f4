import type { InvoicePix } from '@bancada/shared';
import { Button, CopyButton, Image, Stack, Textarea } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The QR code as an image: the server's SVG, never injected into the page as markup. */
export function PixQr({ pix, alt, size = 260 }: { pix: InvoicePix; alt: string; size?: number }) {
  return (
    <Image
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(pix.qrSvg)}`}
      alt={alt}
      w={size}
      h={size}
      fit="contain"
      bg="white"
      p={8}
      radius="md"
      style={{ border: '1px solid var(--mantine-color-gray-3)' }}
    />
  );
}

/** "Pix copia e cola": the payload to paste in the bank's app, with one large copy button. */
export function PixCopyPaste({ payload, size = 'md' }: { payload: string; size?: 'md' | 'xl' }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" w="100%">
      <Textarea
        label={t('billing.pix.copyPaste')}
        value={payload}
        readOnly
        autosize
        minRows={2}
        maxRows={4}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        onFocus={(event) => event.currentTarget.select()}
      />
      <CopyButton value={payload} timeout={3000}>
        {({ copied, copy }) => (
          <Button
            size={size}
            fullWidth
            color={copied ? 'teal' : undefined}
            leftSection={copied ? <IconCheck size={20} aria-hidden /> : <IconCopy size={20} aria-hidden />}
            onClick={copy}
          >
            {copied ? t('billing.pix.copied') : t('billing.pix.copy')}
          </Button>
        )}
      </CopyButton>
    </Stack>
  );
}
