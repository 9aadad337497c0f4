import {
  DELIVERY_BALANCE_POLICIES,
  type DeliveryBalancePolicy,
  normalizePixKey,
  PIX_KEY_TYPES,
  type PixKeyType,
} from '@bancada/shared';
import {
  Grid,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNumberInputProps } from '../../app/number-input';

/** The organization's billing settings as the form holds them. */
export interface BillingSettingsValues {
  pixKeyType: PixKeyType | null;
  pixKey: string;
  invoiceDueDays: number | string;
  paymentTerms: string;
  deliveryBalancePolicy: DeliveryBalancePolicy;
}

const PLACEHOLDERS: Record<PixKeyType, string> = {
  CPF: '000.000.000-00',
  CNPJ: '00.000.000/0000-00',
  PHONE: '(11) 98765-4321',
  EMAIL: 'financeiro@oficina.com.br',
  RANDOM: '123e4567-e89b-12d3-a456-426614174000',
};

/** Why the key does not fit its type, in words (normalizePixKey's reasons); null when it fits or is empty. */
export function pixKeyError(
  values: Pick<BillingSettingsValues, 'pixKey' | 'pixKeyType'>,
  t: TFunction,
): string | null {
  if (!values.pixKey.trim()) return null;
  if (!values.pixKeyType) return null;
  const result = normalizePixKey(values.pixKeyType, values.pixKey);
  return result.ok ? null : t(`billing.pixKeyErrors.${result.reason}`);
}

// biome-ignore lint/suspicious/noExplicitAny: the page's form carries more fields than these
type Form = UseFormReturnType<BillingSettingsValues & Record<string, any>>;

/** Pix key, due days, payment terms and what delivering with a balance does (issue 12). */
export function OrganizationBillingSection({ form, readOnly }: { form: Form; readOnly: boolean }) {
  const { t } = useTranslation();
  const numberBox = useNumberInputProps();
  const { pixKey, pixKeyType } = form.values;
  const normalized = pixKey.trim() && pixKeyType ? normalizePixKey(pixKeyType, pixKey) : null;
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="org-billing"
    >
      <Title order={2} fz="h4" mb="md" id="org-billing">
        {t('billing.settings.title')}
      </Title>
      <Stack gap="lg">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('billing.settings.pixKeyType')}
              placeholder={t('billing.settings.pixKeyTypeNone')}
              data={PIX_KEY_TYPES.map((value) => ({ value, label: t(`billing.pixKeyTypes.${value}`) }))}
              clearable
              disabled={readOnly}
              {...form.getInputProps('pixKeyType')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label={t('billing.settings.pixKey')}
              placeholder={pixKeyType ? PLACEHOLDERS[pixKeyType] : undefined}
              description={
                normalized?.ok && normalized.key !== pixKey.trim()
                  ? t('billing.settings.pixKeySavedAs', { key: normalized.key })
                  : t('billing.settings.pixKeyHint')
              }
              maxLength={77}
              disabled={readOnly}
              {...form.getInputProps('pixKey')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NumberInput
              label={t('billing.settings.invoiceDueDays')}
              description={t('billing.settings.invoiceDueDaysHint')}
              suffix={` ${t('billing.settings.days')}`}
              disabled={readOnly}
              {...numberBox}
              inputMode="numeric"
              {...form.getInputProps('invoiceDueDays')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <Textarea
              label={t('billing.settings.paymentTerms')}
              description={t('billing.settings.paymentTermsHint')}
              placeholder={t('billing.settings.paymentTermsPlaceholder')}
              autosize
              minRows={2}
              maxLength={500}
              disabled={readOnly}
              {...form.getInputProps('paymentTerms')}
            />
          </Grid.Col>
        </Grid>
        <Radio.Group
          label={t('billing.settings.deliveryPolicy')}
          description={t('billing.settings.deliveryPolicyHint')}
          {...form.getInputProps('deliveryBalancePolicy')}
        >
          <Stack gap="xs" mt="xs">
            {DELIVERY_BALANCE_POLICIES.map((value) => (
              <Radio
                key={value}
                value={value}
                disabled={readOnly}
                label={t(`billing.deliveryPolicies.${value}`)}
                description={
                  <Text span size="xs" c="dimmed">
                    {t(`billing.settings.deliveryPolicyText.${value}`)}
                  </Text>
                }
              />
            ))}
          </Stack>
        </Radio.Group>
      </Stack>
    </Paper>
  );
}
