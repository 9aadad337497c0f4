import {
  type NfseIssue,
  NfseIssueSchema,
  SIMPLES_NACIONAL_OPTIONS,
  type SimplesNacionalOption,
} from '@bancada/shared';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { useNumberInputProps } from '../../app/number-input';
import { useIssueNfse } from './api';

interface NfseValues {
  municipalRegistration: string;
  municipalityCode: string;
  issRate: number | string;
  issWithheld: boolean;
  serviceCode: string;
  simplesNacional: SimplesNacionalOption | null;
  description: string;
}

// the shop's municipal data is not on the organization yet: this device remembers what was typed last
const STORAGE_KEY = 'bancada.nfse';

function remembered(): Partial<NfseValues> {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<NfseValues>;
    return stored && typeof stored === 'object' ? stored : {};
  } catch {
    return {};
  }
}

function remember(values: NfseValues): void {
  const { description: _description, ...kept } = values;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(kept));
  } catch {
    // private mode: typed again next time
  }
}

function toNfseBody(values: NfseValues): NfseIssue {
  return {
    municipalRegistration: values.municipalRegistration,
    municipalityCode: values.municipalityCode,
    issRate: values.issRate === '' ? Number.NaN : Number(values.issRate),
    issWithheld: values.issWithheld,
    serviceCode: values.serviceCode,
    ...(values.simplesNacional ? { simplesNacional: values.simplesNacional } : {}),
    ...(values.description.trim() ? { description: values.description } : {}),
  };
}

/** An NFS-e for the invoice's labor lines through the fiscal provider (Focus NFe). */
export function NfseDialog({ invoiceId, onClose }: { invoiceId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const numberProps = useNumberInputProps();
  const issue = useIssueNfse(invoiceId);
  const form = useForm<NfseValues>({
    initialValues: {
      municipalRegistration: '',
      municipalityCode: '',
      issRate: '',
      issWithheld: false,
      serviceCode: '14.01',
      simplesNacional: null,
      description: '',
      ...remembered(),
    },
    validate: zodResolver(NfseIssueSchema, { prepare: toNfseBody }),
  });
  const submit = form.onSubmit((values) => {
    remember(values);
    issue.mutate(toNfseBody(values), {
      onSuccess: (document) => {
        notifySuccess(t('billing.nfse.sent', { status: t(`billing.fiscalStatuses.${document.status}`) }));
        onClose();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });
  // "not configured" (422), a refusal (422) or an unreachable provider (503), in the server's words
  const refused = issue.isError && !(issue.error instanceof ApiError && issue.error.status === 400);
  return (
    <Modal opened onClose={onClose} title={t('billing.nfse.title')} fullScreen={isPhone} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('billing.nfse.text')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('billing.nfse.municipalRegistration')}
              required
              maxLength={30}
              {...form.getInputProps('municipalRegistration')}
            />
            <TextInput
              label={t('billing.nfse.municipalityCode')}
              description={t('billing.nfse.municipalityCodeHint')}
              required
              inputMode="numeric"
              maxLength={7}
              {...form.getInputProps('municipalityCode')}
            />
            <NumberInput
              label={t('billing.nfse.issRate')}
              required
              suffix=" %"
              {...numberProps}
              {...form.getInputProps('issRate')}
            />
            <TextInput
              label={t('billing.nfse.serviceCode')}
              description={t('billing.nfse.serviceCodeHint')}
              maxLength={5}
              {...form.getInputProps('serviceCode')}
            />
            <Select
              label={t('billing.nfse.simplesNacional')}
              placeholder={t('billing.nfse.simplesNacionalDefault')}
              data={SIMPLES_NACIONAL_OPTIONS.map((value) => ({
                value,
                label: t(`billing.simplesNacional.${value}`),
              }))}
              clearable
              {...form.getInputProps('simplesNacional')}
            />
            <Checkbox
              mt={{ sm: 'xl' }}
              label={t('billing.nfse.issWithheld')}
              {...form.getInputProps('issWithheld', { type: 'checkbox' })}
            />
          </SimpleGrid>
          <Textarea
            label={t('billing.nfse.description')}
            description={t('billing.nfse.descriptionHint')}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('description')}
          />
          {refused ? (
            <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {errorMessage(issue.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={issue.isPending}>
              {t('billing.nfse.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
