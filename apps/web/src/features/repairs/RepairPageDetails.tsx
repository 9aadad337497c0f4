import {
  isEditableStatus,
  type Repair,
  type RepairWarning,
  type TechnicianSuggestion,
} from '@bancada/shared';
import { Alert, Badge, Button, Card, Group, List, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconFileTypePdf,
  IconUserCheck,
  IconUserMinus,
  IconUserPlus,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { type Detail, Details } from '../../app/components/Details';
import { Empty, ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { saveFile } from '../../app/download';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import {
  downloadRepairDocument,
  type RepairDocument,
  useAssignTechnician,
  useTechnicianSuggestions,
} from './order-api';
import { Section } from './RepairPageDisplay';

/** The order's facts, who works on it and its documents (the side column; below the tabs on a phone). */
export function RepairPageDetails({ repair, currency }: { repair: Repair; currency: string }) {
  return (
    <Stack gap="lg">
      <TechnicianPanel repair={repair} />
      <DocumentsPanel repair={repair} />
      <FactsPanel repair={repair} currency={currency} />
    </Stack>
  );
}

function FactsPanel({ repair, currency }: { repair: Repair; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const items: Detail[] = [
    { label: t('repairPage.details.problem'), value: repair.serviceDescription, wide: true },
    { label: t('repairPage.details.serviceType'), value: t(`repairPage.serviceTypes.${repair.serviceType}`) },
    { label: t('repairPage.details.receivedAt'), value: format.dateTime(repair.receivedAt) },
    {
      label: t('repairPage.details.deadline'),
      // instants, read on the shop's calendar (the UTC date was a day off west of Greenwich)
      value: repair.deadline ? format.date(repair.deadline) : null,
    },
    ...(repair.notes ? [{ label: t('repairPage.details.notes'), value: repair.notes, wide: true }] : []),
    ...(repair.condition
      ? [{ label: t('repairPage.details.condition'), value: repair.condition, wide: true }]
      : []),
    ...(repair.accessories.length > 0
      ? [{ label: t('repairPage.details.accessories'), value: repair.accessories.join(', '), wide: true }]
      : []),
    ...(repair.odometerKm !== null
      ? [{ label: t('repairPage.details.odometer'), value: `${format.number(repair.odometerKm)} km` }]
      : []),
    ...(repair.hourMeter !== null
      ? [{ label: t('repairPage.details.hourMeter'), value: `${format.number(repair.hourMeter)} h` }]
      : []),
    ...(repair.fuelLevel
      ? [{ label: t('repairPage.details.fuel'), value: t(`repairPage.fuelLevels.${repair.fuelLevel}`) }]
      : []),
    ...(repair.nf ? [{ label: t('repairPage.details.nf'), value: repair.nf }] : []),
    {
      label: t('repairPage.details.guarantees'),
      value:
        [
          repair.returnGuarantee ? t('repairPage.details.returnGuarantee') : null,
          repair.fabricGuarantee ? t('repairPage.details.fabricGuarantee') : null,
        ]
          .filter(Boolean)
          .join(' · ') || t('repairPage.details.noGuarantee'),
    },
    ...(repair.warrantyUntil
      ? [
          {
            label: t('repairPage.details.warrantyUntil'),
            value: format.date(repair.warrantyUntil),
          },
        ]
      : []),
    {
      label: t('repairPage.details.hours'),
      value: t('repairPage.details.hoursValue', {
        estimated: format.number(repair.estimatedHours),
        actual: format.number(Number(repair.actualHours.toFixed(1))),
      }),
    },
    ...(repair.approvedAt
      ? [
          {
            label: t('repairPage.details.approved'),
            value: `${repair.approvedBy ?? '—'} · ${format.dateTime(repair.approvedAt)}`,
          },
        ]
      : []),
    ...(repair.finishedAt
      ? [{ label: t('repairPage.details.finishedAt'), value: format.dateTime(repair.finishedAt) }]
      : []),
    ...(repair.deliveredAt
      ? [{ label: t('repairPage.details.deliveredAt'), value: format.dateTime(repair.deliveredAt) }]
      : []),
    { label: t('repairPage.lines.totals.totalValue'), value: format.money(repair.totalValue, currency) },
  ];
  return (
    <Section id="repair-details" title={t('repairPage.details.title')}>
      <Details items={items} cols={1} />
    </Section>
  );
}

function DocumentsPanel({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<RepairDocument | null>(null);
  const reportReady = repair.status === 'FINALIZADO' || repair.status === 'ENTREGUE';

  const download = async (document: RepairDocument) => {
    setBusy(document);
    try {
      const file = await downloadRepairDocument(repair.id, document);
      saveFile(
        file.blob,
        file.filename ?? `${t(`repairPage.documents.fileNames.${document}`)}-${repair.number}.pdf`,
      );
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  const report = (
    <Button
      variant="default"
      fullWidth
      justify="flex-start"
      leftSection={<IconFileTypePdf size={16} aria-hidden />}
      loading={busy === 'report'}
      data-disabled={reportReady ? undefined : true}
      aria-disabled={reportReady ? undefined : true}
      onClick={(event) => {
        if (!reportReady) {
          event.preventDefault();
          return;
        }
        void download('report');
      }}
    >
      {t('repairPage.documents.report')}
    </Button>
  );

  return (
    <Section id="repair-documents" title={t('repairPage.documents.title')}>
      <Stack gap="xs">
        <Button
          variant="default"
          fullWidth
          justify="flex-start"
          leftSection={<IconFileTypePdf size={16} aria-hidden />}
          loading={busy === 'intake'}
          onClick={() => void download('intake')}
        >
          {t('repairPage.documents.intake')}
        </Button>
        {reportReady ? (
          report
        ) : (
          <Tooltip label={t('repairPage.documents.reportLater')} multiline maw={260}>
            {report}
          </Tooltip>
        )}
        {reportReady ? null : (
          <Text size="xs" c="dimmed">
            {t('repairPage.documents.reportLater')}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function TechnicianPanel({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [choosing, setChoosing] = useState(false);
  const [warnings, setWarnings] = useState<RepairWarning[]>([]);
  const assign = useAssignTechnician(repair.id);
  const canAssign = can('repairs:update') && isEditableStatus(repair.status);

  const unassign = () => {
    assign.mutate(null, {
      onSuccess: (result) => {
        setWarnings(result.warnings ?? []);
        notifySuccess(t('repairPage.technician.unassigned'));
      },
      onError: notifyError,
    });
  };

  return (
    <Section
      id="repair-technician"
      title={t('repairPage.technician.title')}
      actions={
        canAssign ? (
          <Group gap={4}>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconUserPlus size={14} aria-hidden />}
              onClick={() => setChoosing(true)}
            >
              {repair.technicianId ? t('repairPage.technician.change') : t('repairPage.technician.assign')}
            </Button>
            {repair.technicianId ? (
              <Button
                size="compact-sm"
                variant="subtle"
                color="gray"
                leftSection={<IconUserMinus size={14} aria-hidden />}
                loading={assign.isPending && assign.variables === null}
                onClick={unassign}
              >
                {t('repairPage.technician.remove')}
              </Button>
            ) : null}
          </Group>
        ) : null
      }
    >
      <Stack gap="xs">
        <Text
          size="sm"
          fw={repair.technicianName ? 600 : undefined}
          c={repair.technicianName ? undefined : 'dimmed'}
        >
          {repair.technicianName ?? t('repairPage.header.unassigned')}
        </Text>
        <WarningsList warnings={warnings} />
      </Stack>
      {canAssign ? (
        <AssignModal
          repair={repair}
          opened={choosing}
          onClose={() => setChoosing(false)}
          onAssigned={(result) => {
            setWarnings(result);
            setChoosing(false);
          }}
        />
      ) : null}
    </Section>
  );
}

function WarningsList({ warnings }: { warnings: RepairWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs" role="status">
      <List size="xs" spacing={2}>
        {warnings.map((warning) => (
          <List.Item key={warning.code}>{warning.message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

function AssignModal({
  repair,
  opened,
  onClose,
  onAssigned,
}: {
  repair: Repair;
  opened: boolean;
  onClose: () => void;
  onAssigned: (warnings: RepairWarning[]) => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const suggestions = useTechnicianSuggestions(repair.id, opened);
  const assign = useAssignTechnician(repair.id);

  const choose = (technician: TechnicianSuggestion) => {
    assign.mutate(technician.id, {
      onSuccess: (result) => {
        notifySuccess(t('repairPage.technician.assigned', { name: technician.name }));
        onAssigned(result.warnings ?? []);
      },
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('repairPage.technician.chooseTitle', { number: repair.number })}
      size="lg"
      fullScreen={isPhone}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('repairPage.technician.chooseHint')}
        </Text>
        {assign.isError ? <ErrorAlert error={assign.error} /> : null}
        {suggestions.isPending ? <LoadingRows rows={3} /> : null}
        {suggestions.isError ? (
          <ErrorAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />
        ) : null}
        {suggestions.data?.length === 0 ? <Empty title={t('repairPage.technician.none')} /> : null}
        {suggestions.data?.map((technician) => (
          <SuggestionCard
            key={technician.id}
            technician={technician}
            current={technician.id === repair.technicianId}
            pending={assign.isPending && assign.variables === technician.id}
            onChoose={() => choose(technician)}
          />
        ))}
      </Stack>
    </Modal>
  );
}

function SuggestionCard({
  technician,
  current,
  pending,
  onChoose,
}: {
  technician: TechnicianSuggestion;
  current: boolean;
  pending: boolean;
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 14rem' }}>
          <Group gap={6}>
            <Text fw={600} size="sm">
              {technician.name}
            </Text>
            {technician.matchesSpecialty ? (
              <Badge size="xs" color="teal" variant="light">
                {t('repairPage.technician.matches')}
              </Badge>
            ) : null}
            <Badge size="xs" color={technician.worksToday ? 'blue' : 'gray'} variant="light">
              {technician.worksToday
                ? t('repairPage.technician.worksToday')
                : t('repairPage.technician.offToday')}
            </Badge>
            {technician.overloaded ? (
              <Badge size="xs" color="red" variant="light">
                {t('repairPage.technician.overloaded')}
              </Badge>
            ) : null}
          </Group>
          {technician.specialties.length > 0 ? (
            <Text size="xs" c="dimmed">
              {technician.specialties.join(', ')}
            </Text>
          ) : null}
          <Text size="xs">
            {t('repairPage.technician.load', {
              count: technician.openOrders,
              assigned: format.number(technician.assignedHours),
              weekly: format.number(technician.weeklyHours),
            })}
          </Text>
          {technician.warnings.map((warning) => (
            <Text key={warning} size="xs" c="orange.8">
              {warning}
            </Text>
          ))}
        </Stack>
        <Button
          size="xs"
          variant={current ? 'default' : 'filled'}
          disabled={current}
          loading={pending}
          leftSection={<IconUserCheck size={14} aria-hidden />}
          onClick={onChoose}
        >
          {current ? t('repairPage.technician.current') : t('repairPage.technician.choose')}
        </Button>
      </Group>
    </Card>
  );
}
