import {
  mayMake,
  REPAIR_TRANSITIONS,
  type Repair,
  type RepairStatus,
  type RepairWarning,
  can as roleCan,
  type Transition,
  type TransitionGuard,
  TransitionRefusedDetailsSchema,
} from '@bancada/shared';
import {
  Alert,
  Anchor,
  Button,
  CloseButton,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconAlertTriangle, IconArrowRight, IconBan, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { notifySuccess } from '../../app/notify';
import { useTransitionRepair } from './order-api';
import { grantsOf } from './RepairPageDisplay';
import { STATUS_COLORS } from './status';

type Blocker = 'approve' | 'role' | TransitionGuard;

interface Move {
  to: RepairStatus;
  blocker: Blocker | null;
}

/** The latest estimate has been answered (approved, partly approved or declined). */
function isEstimateDecided(repair: Repair): boolean {
  const status = repair.estimate?.status;
  return status === 'approved' || status === 'partially_approved' || status === 'declined';
}

function isChecklistComplete(repair: Repair): boolean {
  return repair.checklist.length > 0 && repair.checklist.every((item) => item.done);
}

function guardHolds(guard: TransitionGuard, repair: Repair): boolean {
  return guard === 'estimate_decided' ? isEstimateDecided(repair) : isChecklistComplete(repair);
}

/** Every move out of the current status, with what stops the signed-in user from making it. */
function useMoves(repair: Repair): Move[] {
  const { me } = useAuth();
  const grants = grantsOf(me);
  const mayTransition = roleCan(me.role, 'repairs:transition', grants);
  return REPAIR_TRANSITIONS.filter((transition) => transition.from === repair.status).map(
    (transition: Transition) => {
      let blocker: Blocker | null = null;
      if (!mayTransition || !mayMake(transition, me.role, grants)) {
        blocker = transition.to === 'FINALIZADO' ? 'approve' : 'role';
      } else {
        blocker = transition.guards.find((guard) => !guardHolds(guard, repair)) ?? null;
      }
      return { to: transition.to, blocker };
    },
  );
}

const BLOCKER_TAB: Partial<Record<Blocker, string>> = {
  estimate_decided: 'estimate',
  checklist_complete: 'checklist',
};

export function RepairPageStatusActions({
  repair,
  onOpenTab,
}: {
  repair: Repair;
  onOpenTab: (tab: string) => void;
}) {
  const { t } = useTranslation();
  const moves = useMoves(repair);
  const transition = useTransitionRepair(repair.id);
  const [warnings, setWarnings] = useState<RepairWarning[]>([]);
  const [cancelling, setCancelling] = useState(false);

  const move = (to: RepairStatus, note?: string) => {
    setWarnings([]);
    transition.mutate(
      { status: to, note: note?.trim() || null },
      {
        onSuccess: (result) => {
          setCancelling(false);
          setWarnings(result.warnings ?? []);
          notifySuccess(
            t('repairPage.status.moved', {
              number: repair.number,
              status: t(`repairStatus.${result.status}`),
            }),
          );
        },
      },
    );
  };

  const blocked = moves.filter((m) => m.blocker !== null);

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      component="section"
      aria-labelledby="repair-moves"
    >
      <Stack gap="sm">
        <Text id="repair-moves" size="sm" fw={600}>
          {moves.length > 0 ? t('repairPage.status.moveTo') : t('repairPage.status.noMoves')}
        </Text>
        {moves.length > 0 ? (
          <Group gap="xs">
            {moves.map((m) => {
              const isCancel = m.to === 'CANCELADO';
              const reason = m.blocker ? t(`repairPage.status.reasons.${m.blocker}`) : null;
              const button = (
                <Button
                  key={m.to}
                  variant={isCancel ? 'subtle' : 'light'}
                  color={STATUS_COLORS[m.to]}
                  leftSection={
                    m.blocker ? (
                      <IconLock size={16} aria-hidden />
                    ) : isCancel ? (
                      <IconBan size={16} aria-hidden />
                    ) : (
                      <IconArrowRight size={16} aria-hidden />
                    )
                  }
                  data-disabled={m.blocker ? true : undefined}
                  aria-disabled={m.blocker ? true : undefined}
                  aria-describedby={m.blocker ? `move-reason-${m.to}` : undefined}
                  loading={transition.isPending && transition.variables?.status === m.to}
                  onClick={(event) => {
                    if (m.blocker) {
                      event.preventDefault();
                      return;
                    }
                    if (isCancel) setCancelling(true);
                    else move(m.to);
                  }}
                >
                  {t(`repairStatus.${m.to}`)}
                </Button>
              );
              return reason ? (
                <Tooltip key={m.to} label={reason} multiline maw={280} withArrow>
                  {button}
                </Tooltip>
              ) : (
                button
              );
            })}
          </Group>
        ) : null}

        {/* the reasons in words too: a phone has no hover */}
        {blocked.length > 0 ? (
          <Stack gap={2}>
            {blocked.map((m) => {
              const tab = m.blocker ? BLOCKER_TAB[m.blocker] : undefined;
              return (
                <Text key={m.to} id={`move-reason-${m.to}`} size="xs" c="dimmed">
                  <IconLock size={12} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
                  {t('repairPage.status.blockedLine', {
                    status: t(`repairStatus.${m.to}`),
                    reason: m.blocker ? t(`repairPage.status.reasons.${m.blocker}`) : '',
                  })}
                  {tab ? (
                    <>
                      {' '}
                      <Anchor component="button" type="button" size="xs" onClick={() => onOpenTab(tab)}>
                        {t(`repairPage.status.open.${tab as 'estimate' | 'checklist'}`)}
                      </Anchor>
                    </>
                  ) : null}
                </Text>
              );
            })}
          </Stack>
        ) : null}

        {transition.isError && !cancelling ? <RefusedAlert error={transition.error} /> : null}

        {warnings.length > 0 ? (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('repairPage.status.warningsTitle')}
            role="status"
            withCloseButton={false}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <List size="sm" spacing={2}>
                {warnings.map((warning) => (
                  <List.Item key={warning.code}>{warning.message}</List.Item>
                ))}
              </List>
              <CloseButton size="sm" aria-label={t('common.close')} onClick={() => setWarnings([])} />
            </Group>
          </Alert>
        ) : null}
      </Stack>

      <CancelModal
        opened={cancelling}
        number={repair.number}
        pending={transition.isPending}
        error={transition.isError ? transition.error : null}
        onClose={() => {
          setCancelling(false);
          transition.reset();
        }}
        onConfirm={(note) => move('CANCELADO', note)}
      />
    </Paper>
  );
}

/** The server's refusal in its own words, and the moves it would accept now. */
function RefusedAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const allowed =
    (error instanceof ApiError ? error.detailsAs(TransitionRefusedDetailsSchema)?.allowed : null) ?? [];
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={t('repairPage.status.refusedTitle')}
      role="alert"
    >
      <Stack gap={4}>
        <span>{errorMessage(error)}</span>
        {allowed.length > 0 ? (
          <span>
            {t('repairPage.status.allowedNow', {
              statuses: allowed.map((s) => t(`repairStatus.${s}`, { defaultValue: s })).join(', '),
            })}
          </span>
        ) : null}
      </Stack>
    </Alert>
  );
}

function CancelModal({
  opened,
  number,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  number: number;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (note: string) => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const [note, setNote] = useState('');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('repairPage.status.cancelTitle', { number })}
      fullScreen={isPhone}
    >
      <Stack gap="md">
        <Text size="sm">{t('repairPage.status.cancelText')}</Text>
        {error ? <RefusedAlert error={error} /> : null}
        <Textarea
          label={t('repairPage.status.cancelReason')}
          autosize
          minRows={2}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('repairPage.status.cancelKeep')}
          </Button>
          <Button color="red" loading={pending} onClick={() => onConfirm(note)}>
            {t('repairPage.status.cancelConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
