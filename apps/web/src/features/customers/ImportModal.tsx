import type { ImportReport } from '@bancada/shared';
import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useImportCustomers } from './api';

/** Spreadsheets saved by Excel in Brazil are often Windows-1252, not UTF-8: read either. */
async function readCsv(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function Figure({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl" c={color}>
        {value}
      </Text>
    </Paper>
  );
}

export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const importer = useImportCustomers();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [readError, setReadError] = useState(false);
  const report: ImportReport | undefined = importer.data;

  const close = () => {
    if (importer.isPending) return;
    setFile(null);
    setCsv(null);
    setReadError(false);
    importer.reset();
    onClose();
  };

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setCsv(null);
    setReadError(false);
    importer.reset();
    if (!chosen) return;
    try {
      const text = await readCsv(chosen);
      setCsv(text);
      importer.mutate({ csv: text, dryRun: true });
    } catch {
      setReadError(true);
    }
  };

  const confirm = () => {
    if (!csv) return;
    importer.mutate(
      { csv, dryRun: false },
      {
        onSuccess: (result) => {
          if (result.invalid.length === 0) {
            notifySuccess(
              t('customers.import.done', {
                customers: format.number(result.customersCreated),
                assets: format.number(result.assetsCreated),
              }),
            );
          }
        },
      },
    );
  };

  const running = importer.isPending;
  const runningReal = running && importer.variables?.dryRun === false;
  const problemLines = report ? new Set(report.invalid.map((issue) => issue.line)).size : 0;
  const finished = report && !report.dryRun && report.invalid.length === 0;
  const canImport = report?.dryRun === true && report.invalid.length === 0 && report.valid > 0;

  return (
    <Modal opened={opened} onClose={close} title={t('customers.import.title')} size="xl" fullScreen={isPhone}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('customers.import.intro')}
        </Text>

        <FileInput
          label={t('customers.import.file')}
          placeholder={t('customers.import.choose')}
          accept=".csv,text/csv"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          value={file}
          onChange={(chosen) => void choose(chosen)}
          clearable
          disabled={running || Boolean(finished)}
        />

        {readError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {t('customers.import.unreadable')}
          </Alert>
        ) : null}

        {running ? (
          <Stack gap={4} role="status" aria-live="polite">
            <Text size="sm">
              {runningReal ? t('customers.import.importing') : t('customers.import.checking')}
            </Text>
            <Progress value={100} animated striped aria-label={t('common.loading')} />
          </Stack>
        ) : null}

        {importer.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {errorMessage(importer.error)}
          </Alert>
        ) : null}

        {report && !running ? (
          <Stack gap="sm">
            {finished ? (
              <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
                {t('customers.import.done', {
                  customers: format.number(report.customersCreated),
                  assets: format.number(report.assetsCreated),
                })}
              </Alert>
            ) : (
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                <Figure label={t('customers.import.rows')} value={format.number(report.rows)} />
                <Figure
                  label={t('customers.import.valid')}
                  value={format.number(report.valid)}
                  color="teal"
                />
                <Figure
                  label={t('customers.import.invalidLines')}
                  value={format.number(problemLines)}
                  color={problemLines > 0 ? 'red' : undefined}
                />
              </SimpleGrid>
            )}

            {report.invalid.length > 0 ? (
              <>
                <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />}>
                  {report.dryRun
                    ? t('customers.import.fixFirst', { count: report.invalid.length })
                    : t('customers.import.refused', { count: report.invalid.length })}
                </Alert>
                <Table.ScrollContainer minWidth={420} mah={320}>
                  <Table
                    striped
                    stickyHeader
                    verticalSpacing="xs"
                    aria-label={t('customers.import.problems')}
                  >
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('customers.import.line')}</Table.Th>
                        <Table.Th>{t('customers.import.field')}</Table.Th>
                        <Table.Th>{t('customers.import.reason')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {report.invalid.map((issue, index) => (
                        // an issue has no id; a line may have several problems on one field
                        // biome-ignore lint/suspicious/noArrayIndexKey: the report is shown as it came
                        <Table.Tr key={index}>
                          <Table.Td>{format.number(issue.line)}</Table.Td>
                          <Table.Td>
                            <Text size="sm" ff="monospace">
                              {issue.field}
                            </Text>
                          </Table.Td>
                          <Table.Td>{issue.reason}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            ) : null}

            {canImport ? <Text size="sm">{t('customers.import.ready', { count: report.valid })}</Text> : null}
          </Stack>
        ) : null}

        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close} disabled={running}>
            {finished ? t('common.close') : t('common.cancel')}
          </Button>
          {finished ? null : (
            <Button onClick={confirm} disabled={!canImport} loading={runningReal}>
              {t('customers.import.confirm', { count: report?.valid ?? 0 })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
