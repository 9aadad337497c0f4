import {
  CONSENT_CHANNELS,
  CONSENT_REPORT_STATES,
  type ConsentChannel,
  type ConsentReportState,
} from '@bancada/shared';
import { Anchor, Badge, Button, Group, type MantineColor, Select, Stack, Table } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { saveFile } from '../../app/download';
import { useFormat } from '../../app/format';
import { notifyError } from '../../app/notify';
import { downloadConsentReport, useConsentReport } from './api';

const PAGE_SIZE = 25;
const STATE_COLORS: Record<ConsentReportState, MantineColor> = {
  granted: 'teal',
  revoked: 'red',
  never: 'gray',
};

/** Per purpose: customers who granted, revoked or were never asked; one purpose's list, as CSV too. */
export function ConsentsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const [purpose, setPurpose] = useState<ConsentChannel>('email');
  const [state, setState] = useState<ConsentReportState | null>(null);
  const [page, setPage] = useState(1);
  const [downloading, setDownloading] = useState(false);
  const report = useConsentReport({ purpose, state: state ?? undefined, page, pageSize: PAGE_SIZE });

  const download = async () => {
    setDownloading(true);
    try {
      const file = await downloadConsentReport({ purpose, state: state ?? undefined });
      saveFile(file.blob, file.filename ?? `consents-${purpose}.csv`);
    } catch (error) {
      notifyError(error);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Stack gap="md">
      {report.data ? (
        <Table.ScrollContainer minWidth={360}>
          <Table withTableBorder fz="sm" aria-label={t('privacy.consents.countsTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.consents.purpose')}</Table.Th>
                {CONSENT_REPORT_STATES.map((s) => (
                  <Table.Th key={s} ta="right">
                    {t(`privacy.consentStates.${s}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.counts.map((row) => (
                <Table.Tr key={row.purpose}>
                  <Table.Td>{t(`customers.consentChannels.${row.purpose}`)}</Table.Td>
                  {CONSENT_REPORT_STATES.map((s) => (
                    <Table.Td key={s} ta="right" ff="monospace">
                      {format.number(row[s])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('privacy.consents.purpose')}
          data={CONSENT_CHANNELS.map((value) => ({ value, label: t(`customers.consentChannels.${value}`) }))}
          value={purpose}
          onChange={(value) => {
            setPurpose((value ?? 'email') as ConsentChannel);
            setPage(1);
          }}
          allowDeselect={false}
          style={{ flex: '1 1 10rem' }}
        />
        <Select
          label={t('privacy.consents.state')}
          placeholder={t('privacy.consents.allStates')}
          data={CONSENT_REPORT_STATES.map((value) => ({ value, label: t(`privacy.consentStates.${value}`) }))}
          value={state}
          onChange={(value) => {
            setState(value as ConsentReportState | null);
            setPage(1);
          }}
          clearable
          style={{ flex: '1 1 10rem' }}
        />
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          loading={downloading}
          onClick={() => void download()}
        >
          {t('privacy.consents.exportCsv')}
        </Button>
      </Group>

      <QueryStatus query={report} />
      {report.data && report.data.items.length === 0 ? (
        <Empty title={t('privacy.consents.emptyTitle')} />
      ) : null}
      {report.data && report.data.items.length > 0 ? (
        <Stack gap="xs" style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={480}>
            <Table striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('privacy.consents.customer')}</Table.Th>
                  <Table.Th>{t('privacy.consents.state')}</Table.Th>
                  <Table.Th>{t('privacy.consents.at')}</Table.Th>
                  <Table.Th>{t('privacy.consents.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.items.map((item) => (
                  <Table.Tr key={item.customerId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${item.customerId}?tab=consents`} size="sm">
                        {item.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLORS[item.state]} variant="light">
                        {t(`privacy.consentStates.${item.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{item.at ? format.date(item.at) : '—'}</Table.Td>
                    <Table.Td>{item.source ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Paging page={page} pageSize={PAGE_SIZE} total={report.data.total} onChange={setPage} />
        </Stack>
      ) : null}
    </Stack>
  );
}
