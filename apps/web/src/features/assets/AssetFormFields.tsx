import { APPLIANCE_TYPES, ASSET_KINDS, type AssetKind, FUELS, VOLTAGES } from '@bancada/shared';
import {
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { maskPlate } from '../../app/masks';
import { useNumberInputProps } from '../../app/number-input';
import { COUNTRIES } from '../../app/places';
import type { AssetValues } from './asset-form';
import { ASSET_KIND_ICONS } from './kinds';

interface Props {
  form: UseFormReturnType<AssetValues>;
  /** the kind is chosen when the asset is created and never changes */
  withKind: boolean;
  idPrefix: string;
}

export function AssetFormFields({ form, withKind, idPrefix }: Props) {
  const { t } = useTranslation();
  // the year and a reading stay as typed; assetNumberMessages refuses a negative, a year out of
  // range or a reading's second decimal on the field
  const numberBox = useNumberInputProps();
  const { values } = form;
  const isVehicle = values.kind === 'vehicle';
  const isAppliance = values.kind === 'appliance';
  const countries = COUNTRIES.includes(values.plateCountry) ? COUNTRIES : [...COUNTRIES, values.plateCountry];

  return (
    <Stack gap="md">
      {withKind ? (
        <Input.Wrapper label={t('assets.fields.kind')} id={`${idPrefix}-kind`}>
          <SegmentedControl
            fullWidth
            aria-labelledby={`${idPrefix}-kind`}
            value={values.kind}
            onChange={(value) => {
              form.setFieldValue('kind', value as AssetKind);
              form.clearErrors();
            }}
            data={ASSET_KINDS.map((kind) => {
              const Icon = ASSET_KIND_ICONS[kind];
              return {
                value: kind,
                label: (
                  <Group gap={6} justify="center" wrap="nowrap">
                    <Icon size={16} aria-hidden />
                    <span>{t(`assets.kinds.${kind}`)}</span>
                  </Group>
                ),
              };
            })}
          />
        </Input.Wrapper>
      ) : null}

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {isAppliance ? (
          <Select
            label={t('assets.fields.type')}
            required
            data={APPLIANCE_TYPES.map((value) => ({ value, label: t(`assets.applianceTypes.${value}`) }))}
            searchable
            {...form.getInputProps('type')}
          />
        ) : null}
        <TextInput label={t('assets.fields.brand')} maxLength={80} {...form.getInputProps('brand')} />
        <TextInput label={t('assets.fields.model')} maxLength={120} {...form.getInputProps('model')} />
        {isVehicle || values.kind === 'machine' ? (
          <NumberInput
            label={t('assets.fields.year')}
            {...numberBox}
            // a year is written 2019, not 2.019
            thousandSeparator={false}
            inputMode="numeric"
            {...form.getInputProps('year')}
          />
        ) : null}
        {isVehicle ? (
          <>
            <SimpleGrid cols={2} spacing="xs">
              <TextInput
                label={t('assets.fields.plate')}
                placeholder={values.plateCountry === 'BR' ? 'ABC-1234 / ABC1D23' : undefined}
                maxLength={12}
                autoCapitalize="characters"
                {...form.getInputProps('plate')}
                onChange={(event) =>
                  form.setFieldValue('plate', maskPlate(event.currentTarget.value, values.plateCountry))
                }
              />
              <Select
                label={t('assets.fields.plateCountry')}
                data={countries.map((code) => ({ value: code, label: code }))}
                allowDeselect={false}
                {...form.getInputProps('plateCountry')}
                onChange={(value) => {
                  const country = value ?? 'BR';
                  form.setFieldValue('plateCountry', country);
                  form.setFieldValue('plate', maskPlate(values.plate, country));
                }}
              />
            </SimpleGrid>
            <TextInput label={t('assets.fields.color')} maxLength={40} {...form.getInputProps('color')} />
            <TextInput
              label={t('assets.fields.vin')}
              description={t('assets.vinHint')}
              maxLength={24}
              autoCapitalize="characters"
              {...form.getInputProps('vin')}
              onChange={(event) => form.setFieldValue('vin', event.currentTarget.value.toUpperCase())}
            />
            <Select
              label={t('assets.fields.fuel')}
              data={FUELS.map((value) => ({ value, label: t(`assets.fuels.${value}`) }))}
              clearable
              {...form.getInputProps('fuel')}
            />
          </>
        ) : null}
        {isAppliance ? (
          <Select
            label={t('assets.fields.voltage')}
            data={VOLTAGES.map((value) => ({ value, label: t(`assets.voltages.${value}`) }))}
            clearable
            {...form.getInputProps('voltage')}
          />
        ) : null}
        {isAppliance || values.kind === 'machine' ? (
          <TextInput label={t('assets.fields.serial')} maxLength={80} {...form.getInputProps('serial')} />
        ) : null}
        {withKind && !isAppliance ? (
          <NumberInput
            label={isVehicle ? t('assets.fields.initialOdometer') : t('assets.fields.initialHourMeter')}
            {...numberBox}
            {...form.getInputProps('initialReading')}
          />
        ) : null}
      </SimpleGrid>
      <Textarea
        label={t('assets.fields.notes')}
        autosize
        minRows={2}
        maxLength={5000}
        {...form.getInputProps('notes')}
      />
    </Stack>
  );
}
