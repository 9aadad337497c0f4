import { Tabs } from '@mantine/core';
import {
  IconAlertTriangle,
  IconChecklist,
  IconClockHour4,
  IconFileText,
  IconUserQuestion,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../app/components/PageHeader';
import { ConsentsTab } from './ConsentsTab';
import { DataRequestsTab } from './DataRequestsTab';
import { IncidentsTab } from './IncidentsTab';
import { PolicyTab } from './PolicyTab';
import { RetentionTab } from './RetentionTab';

const TABS = ['incidents', 'requests', 'retention', 'consents', 'policy'] as const;
type Tab = (typeof TABS)[number];
const ICONS = {
  incidents: IconAlertTriangle,
  requests: IconUserQuestion,
  retention: IconClockHour4,
  consents: IconChecklist,
  policy: IconFileText,
} as const;

/** The LGPD tools of the shop: incident register, retention, consent report, privacy policy. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((value) => value === params.get('tab')) ?? 'incidents';
  const setTab = (value: string | null) =>
    setParams(value && value !== 'incidents' ? { tab: value } : {}, { replace: true });

  return (
    <>
      <PageHeader title={t('privacy.nav')} description={t('privacy.description')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List
          mb="lg"
          style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'thin' }}
        >
          {TABS.map((value) => {
            const Icon = ICONS[value];
            return (
              <Tabs.Tab
                key={value}
                value={value}
                leftSection={<Icon size={16} aria-hidden />}
                style={{ flexShrink: 0 }}
              >
                {value === 'requests' ? t('portal.staff.requestsTab') : t(`privacy.tabs.${value}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="incidents">
          <IncidentsTab />
        </Tabs.Panel>
        <Tabs.Panel value="requests">
          <DataRequestsTab />
        </Tabs.Panel>
        <Tabs.Panel value="retention">
          <RetentionTab />
        </Tabs.Panel>
        <Tabs.Panel value="consents">
          <ConsentsTab />
        </Tabs.Panel>
        <Tabs.Panel value="policy">
          <PolicyTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
