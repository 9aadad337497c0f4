import {
  type CampaignChannel,
  CampaignCreateSchema,
  CampaignPlaceholderSchema,
  type CampaignPreview,
  CampaignPreviewBodySchema,
} from '@bancada/shared';
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useServiceCatalog } from '../service-catalog/api';
import { useCreateCampaign, usePreviewCampaign } from './api';

const CHANNELS: CampaignChannel[] = ['email', 'whatsapp', 'sms'];
const ASSET_KINDS = ['vehicle', 'appliance', 'machine'] as const;
const PLACEHOLDER_LIST = CampaignPlaceholderSchema.options.map((name) => `{{${name}}}`).join(', ');

type Draft = {
  name: string;
  channels: CampaignChannel[];
  assetKinds: string[];
  brands: string[];
  models: string[];
  cities: string[];
  serviceIds: string[];
  lastVisitBefore: string;
  lastVisitAfter: string;
  emailSubject: string;
  emailBody: string;
  whatsappBody: string;
  smsBody: string;
};

const EMPTY: Draft = {
  name: '',
  channels: ['email'],
  assetKinds: [],
  brands: [],
  models: [],
  cities: [],
  serviceIds: [],
  lastVisitBefore: '',
  lastVisitAfter: '',
  emailSubject: '',
  emailBody: '',
  whatsappBody: '',
  smsBody: '',
};

function segmentOf(d: Draft) {
  return {
    assetKinds: d.assetKinds as (typeof ASSET_KINDS)[number][],
    brands: d.brands,
    models: d.models,
    cities: d.cities,
    serviceIds: d.serviceIds,
    lastVisitBefore: d.lastVisitBefore || null,
    lastVisitAfter: d.lastVisitAfter || null,
  };
}

function bodyOf(d: Draft) {
  return {
    name: d.name,
    segment: segmentOf(d),
    channels: d.channels,
    messages: {
      ...(d.channels.includes('email') ? { email: { subject: d.emailSubject, body: d.emailBody } } : {}),
      ...(d.channels.includes('whatsapp') ? { whatsapp: { body: d.whatsappBody } } : {}),
      ...(d.channels.includes('sms') ? { sms: { body: d.smsBody } } : {}),
    },
  };
}

/** Field errors from zod (in the form) or from the server's 400 (`messages.email.body` …). */
function fieldErrors(error: unknown): Record<string, string> {
  if (error instanceof ApiError && error.details) {
    return Object.fromEntries(Object.entries(error.details).map(([k, v]) => [k, String(v)]));
  }
  return {};
}

function PreviewResult({ preview }: { preview: CampaignPreview }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-0)">
      <Group gap="xs" mb={4}>
        <IconUsers size={18} aria-hidden />
        <Text fw={600}>{t('engagement.campaigns.previewTotal', { count: preview.total })}</Text>
      </Group>
      <Text size="sm" c="dimmed">
        {t('engagement.campaigns.previewSegment', { count: preview.segmentSize })}
      </Text>
      <Group gap="md" mt={4}>
        {CHANNELS.map((channel) => (
          <Text key={channel} size="sm">
            {t(`engagement.channels.${channel}`)}: <b>{preview.perChannel[channel]}</b>
          </Text>
        ))}
      </Group>
    </Paper>
  );
}

function MessageFields({
  draft,
  set,
  errors,
}: {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('engagement.campaigns.placeholdersHint', { list: PLACEHOLDER_LIST })}
      </Text>
      {draft.channels.includes('email') ? (
        <>
          <TextInput
            label={t('engagement.campaigns.emailSubject')}
            value={draft.emailSubject}
            onChange={(e) => set({ emailSubject: e.currentTarget.value })}
            error={errors['messages.email.subject']}
            required
          />
          <Textarea
            label={t('engagement.campaigns.emailBody')}
            value={draft.emailBody}
            onChange={(e) => set({ emailBody: e.currentTarget.value })}
            error={errors['messages.email.body']}
            autosize
            minRows={4}
            required
          />
        </>
      ) : null}
      {draft.channels.includes('whatsapp') ? (
        <Textarea
          label={t('engagement.campaigns.whatsappBody')}
          description={t('engagement.campaigns.whatsappTemplateHint')}
          value={draft.whatsappBody}
          onChange={(e) => set({ whatsappBody: e.currentTarget.value })}
          error={errors['messages.whatsapp.body']}
          autosize
          minRows={3}
          required
        />
      ) : null}
      {draft.channels.includes('sms') ? (
        <Textarea
          label={t('engagement.campaigns.smsBody')}
          value={draft.smsBody}
          onChange={(e) => set({ smsBody: e.currentTarget.value })}
          error={errors['messages.sms.body']}
          autosize
          minRows={2}
          maxLength={480}
          required
        />
      ) : null}
    </Stack>
  );
}

function SegmentFields({ draft, set }: { draft: Draft; set: (patch: Partial<Draft>) => void }) {
  const { t } = useTranslation();
  const services = useServiceCatalog({ active: 'true', page: 1, pageSize: 100 });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <MultiSelect
        label={t('engagement.campaigns.assetKinds')}
        data={ASSET_KINDS.map((kind) => ({ value: kind, label: t(`assets.kinds.${kind}`) }))}
        value={draft.assetKinds}
        onChange={(assetKinds) => set({ assetKinds })}
        clearable
      />
      <TagsInput
        label={t('engagement.campaigns.cities')}
        value={draft.cities}
        onChange={(cities) => set({ cities })}
        clearable
      />
      <TagsInput
        label={t('engagement.campaigns.brands')}
        value={draft.brands}
        onChange={(brands) => set({ brands })}
        clearable
      />
      <TagsInput
        label={t('engagement.campaigns.models')}
        value={draft.models}
        onChange={(models) => set({ models })}
        clearable
      />
      <TextInput
        type="date"
        label={t('engagement.campaigns.lastVisitAfter')}
        value={draft.lastVisitAfter}
        onChange={(e) => set({ lastVisitAfter: e.currentTarget.value })}
      />
      <TextInput
        type="date"
        label={t('engagement.campaigns.lastVisitBefore')}
        value={draft.lastVisitBefore}
        onChange={(e) => set({ lastVisitBefore: e.currentTarget.value })}
      />
      <MultiSelect
        label={t('engagement.campaigns.services')}
        data={(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={draft.serviceIds}
        onChange={(serviceIds) => set({ serviceIds })}
        searchable
        clearable
        style={{ gridColumn: '1 / -1' }}
      />
    </SimpleGrid>
  );
}

/** A new campaign: who (segment), how (channels and texts), and how many it would reach. */
export function CampaignForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const preview = usePreviewCampaign();
  const create = useCreateCampaign();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const close = () => {
    setDraft(EMPTY);
    setErrors({});
    preview.reset();
    create.reset();
    onClose();
  };

  const runPreview = () => {
    const parsed = CampaignPreviewBodySchema.safeParse({
      segment: segmentOf(draft),
      channels: draft.channels,
    });
    if (parsed.success) preview.mutate({ segment: segmentOf(draft), channels: draft.channels });
  };

  const save = () => {
    const body = bodyOf(draft);
    const parsed = CampaignCreateSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((issue) => [issue.path.join('.'), t('engagement.campaigns.fieldInvalid')]),
        ),
      );
      return;
    }
    setErrors({});
    create.mutate(body, { onSuccess: close, onError: (error) => setErrors(fieldErrors(error)) });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('engagement.campaigns.new')}
      size="xl"
      fullScreen={isPhone}
    >
      <Stack gap="md">
        <TextInput
          label={t('engagement.campaigns.name')}
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={errors.name}
          required
        />
        <Checkbox.Group
          label={t('engagement.campaigns.channels')}
          description={t('engagement.campaigns.consentHint')}
          value={draft.channels}
          onChange={(value) => set({ channels: value as CampaignChannel[] })}
          error={errors.channels}
        >
          <Group mt="xs">
            {CHANNELS.map((channel) => (
              <Checkbox key={channel} value={channel} label={t(`engagement.channels.${channel}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Divider label={t('engagement.campaigns.segment')} labelPosition="left" />
        <SegmentFields draft={draft} set={set} />
        <Group>
          <Button
            variant="light"
            onClick={runPreview}
            loading={preview.isPending}
            disabled={draft.channels.length === 0}
          >
            {t('engagement.campaigns.preview')}
          </Button>
        </Group>
        {preview.data ? <PreviewResult preview={preview.data} /> : null}
        {preview.isError ? <Alert color="red">{errorMessage(preview.error)}</Alert> : null}
        <Divider label={t('engagement.campaigns.messages')} labelPosition="left" />
        <MessageFields draft={draft} set={set} errors={errors} />
        {create.isError ? <Alert color="red">{errorMessage(create.error)}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={create.isPending}>
            {t('engagement.campaigns.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
