import { formatPlate } from '@bancada/shared';
import { Alert, Box, Button, Group, Image, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { BackLink } from '../customers/CustomerPage';
import { useAsset, useAssetLabel } from './api';
import { useAssetTitle } from './kinds';

/** An object URL for a Blob, revoked when the Blob changes or the page goes away. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}

/**
 * A printable QR label: the code opens the asset's page for staff. The print style sheet
 * (app/print.css) hides the shell and everything marked data-print-hide.
 */
export function AssetLabelPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { id = '' } = useParams();
  const asset = useAsset(id);
  const label = useAssetLabel(id);
  const qr = useObjectUrl(label.data);
  const title = useAssetTitle();

  if (asset.isPending) return <LoadingRows rows={6} />;
  if (asset.isError) return <ErrorAlert error={asset.error} onRetry={() => void asset.refetch()} />;
  const data = asset.data.data;
  const identifier =
    data.kind === 'vehicle' && data.plate
      ? formatPlate(data.plate)
      : data.kind === 'appliance' && data.type
        ? t(`assets.applianceTypes.${data.type}`)
        : (data.serial ?? null);

  return (
    <>
      <Box data-print-hide>
        <BackLink to={`/assets/${data.id}`} label={title(data)} />
        <PageHeader
          title={t('assets.label.title')}
          description={t('assets.label.description')}
          actions={
            <Button
              leftSection={<IconPrinter size={16} aria-hidden />}
              onClick={() => window.print()}
              disabled={!qr}
            >
              {t('assets.label.printNow')}
            </Button>
          }
        />
        {label.isError ? (
          <Alert color="red" variant="light" mb="md" role="alert">
            {t('assets.label.qrFailed')}
          </Alert>
        ) : null}
      </Box>

      <Paper
        className="print-label"
        withBorder
        radius="md"
        p="md"
        aria-label={t('assets.label.preview')}
        component="figure"
        m={0}
      >
        <Group wrap="nowrap" align="center" gap="md">
          {qr ? (
            <Image
              src={qr}
              alt={t('assets.label.qrAlt', { name: title(data) })}
              w={150}
              h={150}
              fit="contain"
            />
          ) : (
            <Skeleton className="print-label-qr" radius="sm" animate={!label.isError} />
          )}
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
              {me.organization.name}
            </Text>
            {identifier ? (
              <Text
                fw={800}
                fz={data.kind === 'vehicle' ? 30 : 22}
                lh={1.1}
                ff={data.kind === 'vehicle' ? 'monospace' : undefined}
              >
                {identifier}
              </Text>
            ) : null}
            <Text fw={600} size="sm">
              {title(data)}
            </Text>
            <Text size="sm">{data.customerName}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {data.id.slice(0, 8).toUpperCase()}
            </Text>
          </Stack>
        </Group>
        <Text component="figcaption" size="xs" c="dimmed" mt="xs">
          {t('assets.label.scanHint')}
        </Text>
      </Paper>
    </>
  );
}
