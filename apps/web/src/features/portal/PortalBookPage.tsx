import type { Appointment, Slot } from '@bancada/shared';
import { Anchor, Button, Card, Checkbox, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowLeft, IconCalendarCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useFormat } from '../../app/format';
import { assetIdentifier, useAssetTitle } from '../assets/kinds';
import { useCustomerAssets } from '../customers/api';
import { useDuration } from '../repairs/RepairPageDisplay';
import { useCreateAppointment } from '../scheduling/api';
import { servicesMinutes } from '../scheduling/appointment-form';
import { usePortalCurrency, usePortalServices, usePortalShop } from './api';
import { bookingBody, conflictNextSlots } from './booking';
import { PortalTitle } from './display';
import { usePortalCustomerId } from './PortalShell';
import { RefusedAlert, SlotPicker } from './SlotPicker';
import { PortalSection, SectionStatus } from './sections';

/** The booking made: when, and the ways on. */
function Booked({
  appointment,
  timeZone,
  onAgain,
}: {
  appointment: Appointment;
  timeZone?: string | undefined;
  onAgain: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat(timeZone);
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm" align="flex-start" role="status">
        <Group gap="xs">
          <IconCalendarCheck size={24} aria-hidden color="var(--mantine-color-teal-7)" />
          <Text fw={700}>{t('portal.book.done')}</Text>
        </Group>
        <Text>{t('portal.book.doneText', { when: format.dateTime(appointment.start) })}</Text>
        <Group gap="sm">
          <Button component={Link} to="/portal">
            {t('portal.book.toAppointments')}
          </Button>
          <Button variant="default" onClick={onAgain}>
            {t('portal.book.again')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * Book a visit (issue 15 §3), phone first: the asset (preselected by a reminder's `?assetId=`), the
 * services with their standard hours, a day of the next two weeks, one of its free times, notes.
 * A slot taken meanwhile (409) shows the server's message and the next free slots it offers.
 */
export function PortalBookPage() {
  const { t } = useTranslation();
  const customerId = usePortalCustomerId();
  const [params] = useSearchParams();
  const assets = useCustomerAssets(customerId);
  const services = usePortalServices();
  const timeZone = usePortalShop().data?.timeZone;
  const currency = usePortalCurrency();
  const format = useFormat(timeZone);
  const duration = useDuration();
  const title = useAssetTitle();
  const create = useCreateAppointment();
  const [assetId, setAssetId] = useState<string | null>(params.get('assetId'));
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [offered, setOffered] = useState<Slot[]>([]);
  const [notes, setNotes] = useState('');
  const [booked, setBooked] = useState<Appointment | null>(null);

  const items = assets.data?.items ?? [];
  // a link's asset counts only if it is one of the customer's; a single asset is chosen already
  const chosenAsset = items.find((a) => a.id === assetId)?.id ?? (items.length === 1 ? items[0]!.id : null);
  const catalog = services.data ?? [];
  const minutes = servicesMinutes(serviceIds, catalog);
  const price = serviceIds.reduce((sum, id) => sum + (catalog.find((s) => s.id === id)?.price ?? 0), 0);

  const choose = (next: Slot | null) => {
    setSlot(next);
    create.reset();
  };
  const submit = () => {
    if (!chosenAsset || !slot) return;
    create.mutate(bookingBody({ customerId, assetId: chosenAsset, serviceIds, slot, notes }), {
      onSuccess: (appointment) => setBooked(appointment),
      onError: (error) => {
        // a 409 offers the next free slots; any other refusal offers none
        const isTaken = error instanceof ApiError && error.status === 409;
        setOffered(isTaken ? conflictNextSlots(error.details) : []);
        if (isTaken) setSlot(null);
      },
    });
  };
  const again = () => {
    setBooked(null);
    setServiceIds([]);
    setDay(null);
    choose(null);
    setOffered([]);
    setNotes('');
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/portal" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden />
          {t('portal.orders.title')}
        </Group>
      </Anchor>
      <PortalTitle title={t('portal.book.title')} />
      {booked ? (
        <Booked appointment={booked} timeZone={timeZone} onAgain={again} />
      ) : (
        <>
          <PortalSection id="book-asset" title={t('portal.book.asset')}>
            <SectionStatus query={assets} rows={2} />
            {assets.data && items.length === 0 ? (
              <Text size="sm">
                {t('portal.book.noAssets')}{' '}
                <Anchor component={Link} to="/portal/assets">
                  {t('portal.book.addAsset')}
                </Anchor>
              </Text>
            ) : null}
            {items.length > 0 ? (
              <Radio.Group value={chosenAsset} onChange={setAssetId} aria-labelledby="book-asset">
                <Stack gap="xs">
                  {items.map((asset) => (
                    <Radio
                      key={asset.id}
                      value={asset.id}
                      label={title(asset)}
                      description={assetIdentifier(asset) ?? undefined}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            ) : null}
          </PortalSection>

          <PortalSection id="book-services" title={t('portal.book.services')}>
            <SectionStatus query={services} rows={3} />
            {services.data && catalog.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('portal.book.noServices')}
              </Text>
            ) : null}
            <Checkbox.Group
              value={serviceIds}
              onChange={(ids) => {
                setServiceIds(ids);
                setOffered([]);
                choose(null);
              }}
              aria-labelledby="book-services"
            >
              <Stack gap="xs">
                {catalog.map((service) => (
                  <Checkbox
                    key={service.id}
                    value={service.id}
                    label={service.name}
                    description={`${duration(service.standardHours * 3600)} · ${format.money(service.price, currency)}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            {serviceIds.length > 0 ? (
              <Text size="sm" fw={500}>
                {t('portal.book.total', {
                  duration: duration(minutes * 60),
                  price: format.money(price, currency),
                })}
              </Text>
            ) : null}
          </PortalSection>

          <PortalSection id="book-when" title={t('portal.book.when')}>
            {serviceIds.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('portal.book.servicesFirst')}
              </Text>
            ) : (
              <SlotPicker
                serviceIds={serviceIds}
                timeZone={timeZone}
                day={day}
                onDay={(value) => {
                  setDay(value);
                  choose(null);
                }}
                selected={slot}
                onSelect={choose}
              />
            )}
          </PortalSection>

          <PortalSection id="book-notes" title={t('portal.book.notes')}>
            <Textarea
              aria-labelledby="book-notes"
              description={t('portal.book.notesHint')}
              value={notes}
              onChange={(event) => setNotes(event.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
            />
          </PortalSection>

          {create.isError ? (
            <RefusedAlert
              error={create.error}
              title={t('portal.book.refused')}
              offered={offered}
              selected={slot}
              onSelect={setSlot}
              timeZone={timeZone}
            />
          ) : null}

          <Card withBorder radius="md" padding="md">
            <Stack gap="sm">
              <Text size="sm">
                {slot
                  ? t('portal.book.summary', {
                      when: format.dateTime(slot.start),
                      duration: duration(minutes * 60),
                    })
                  : t('portal.book.pickSlot')}
              </Text>
              <Button
                size="md"
                fullWidth
                disabled={!chosenAsset || serviceIds.length === 0 || !slot}
                loading={create.isPending}
                onClick={submit}
              >
                {t('portal.book.confirm')}
              </Button>
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
