import type { Repair, RepairPhoto } from '@bancada/shared';
import {
  AspectRatio,
  Badge,
  Button,
  Card,
  Center,
  FileInput,
  Group,
  Image,
  Loader,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCamera, IconPhotoOff, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Empty, ErrorAlert, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { type PhotoStage, usePhotoFile, useRepairPhotos, useUploadPhoto } from './order-api';
import { Section } from './RepairPageDisplay';

const STAGES: PhotoStage[] = ['intake', 'work', 'delivery'];
const MAX_BYTES = 15 * 1024 * 1024;

/** The stage a new photo most likely belongs to, from the order's status. */
function defaultStage(repair: Repair): PhotoStage {
  if (repair.status === 'NAO_INICIADO' || repair.status === 'AGUARDANDO_APROVACAO') return 'intake';
  if (repair.status === 'FINALIZADO' || repair.status === 'ENTREGUE') return 'delivery';
  return 'work';
}

export function RepairPagePhotos({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const photos = useRepairPhotos(repair.id);
  const [viewing, setViewing] = useState<RepairPhoto | null>(null);
  const [stageFilter, setStageFilter] = useState<'all' | PhotoStage>('all');
  const mayUpload = can('repairs:transition') || can('repairs:update');
  const items = (photos.data ?? []).filter((photo) => stageFilter === 'all' || photo.stage === stageFilter);

  return (
    <Stack gap="lg">
      {mayUpload ? <UploadForm repair={repair} /> : null}
      <Section
        id="repair-photos"
        title={t('repairPage.photos.title')}
        actions={
          (photos.data?.length ?? 0) > 0 ? (
            <SegmentedControl
              size="xs"
              value={stageFilter}
              onChange={(value) => setStageFilter(value as 'all' | PhotoStage)}
              data={[
                { value: 'all', label: t('common.all') },
                ...STAGES.map((stage) => ({ value: stage, label: t(`repairPage.photos.stages.${stage}`) })),
              ]}
            />
          ) : null
        }
      >
        <QueryStatus query={photos} rows={2} />
        {photos.data && items.length === 0 ? (
          <Empty title={t('repairPage.photos.empty')} icon={<IconCamera size={28} aria-hidden />} />
        ) : null}
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          {items.map((photo) => (
            <PhotoCard key={photo.id} photo={photo} onOpen={() => setViewing(photo)} />
          ))}
        </SimpleGrid>
      </Section>
      <PhotoModal photo={viewing} onClose={() => setViewing(null)} />
    </Stack>
  );
}

function UploadForm({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const upload = useUploadPhoto(repair.id);
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [stage, setStage] = useState<PhotoStage>(() => defaultStage(repair));
  const tooBig = file !== null && file.size > MAX_BYTES;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!file || tooBig) return;
    upload.mutate(
      { file, caption: caption.trim(), stage },
      {
        onSuccess: () => {
          notifySuccess(t('repairPage.photos.uploaded'));
          setFile(null);
          setCaption('');
        },
      },
    );
  };

  return (
    <Section id="repair-photo-upload" title={t('repairPage.photos.add')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {upload.isError ? <ErrorAlert error={upload.error} /> : null}
          <FileInput
            label={t('repairPage.photos.file')}
            placeholder={t('repairPage.photos.filePlaceholder')}
            accept="image/*"
            leftSection={<IconCamera size={16} aria-hidden />}
            clearable
            value={file}
            onChange={setFile}
            error={tooBig ? t('repairPage.photos.tooBig', { size: 15 }) : undefined}
          />
          <TextInput
            label={t('repairPage.photos.caption')}
            maxLength={300}
            value={caption}
            onChange={(event) => setCaption(event.currentTarget.value)}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="photo-stage-label">
              {t('repairPage.photos.stage')}
            </Text>
            <SegmentedControl
              aria-labelledby="photo-stage-label"
              value={stage}
              onChange={(value) => setStage(value as PhotoStage)}
              data={STAGES.map((value) => ({ value, label: t(`repairPage.photos.stages.${value}`) }))}
              fullWidth
            />
          </Stack>
          <Group justify="flex-end">
            <Button
              type="submit"
              leftSection={<IconUpload size={16} aria-hidden />}
              loading={upload.isPending}
              disabled={!file || tooBig}
            >
              {t('repairPage.photos.upload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** An object URL for the photo's Blob, revoked when no longer shown. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}

function PhotoImage({ photo, fit = 'cover' }: { photo: RepairPhoto; fit?: 'cover' | 'contain' }) {
  const { t } = useTranslation();
  const file = usePhotoFile(photo.url);
  const url = useObjectUrl(file.data);
  if (file.isError) {
    return (
      <Center h="100%" bg="var(--mantine-color-gray-1)">
        <Stack gap={4} align="center">
          <IconPhotoOff size={24} aria-hidden />
          <Text size="xs" c="dimmed">
            {t('repairPage.photos.loadError')}
          </Text>
        </Stack>
      </Center>
    );
  }
  if (!url) {
    return (
      <Center h="100%" bg="var(--mantine-color-gray-1)">
        <Loader size="sm" aria-label={t('common.loading')} />
      </Center>
    );
  }
  return <Image src={url} alt={photo.caption || photo.fileName} fit={fit} h="100%" w="100%" />;
}

function PhotoCard({ photo, onOpen }: { photo: RepairPhoto; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder padding={0} radius="md">
      <UnstyledButton
        onClick={onOpen}
        aria-label={t('repairPage.photos.open', { name: photo.caption || photo.fileName })}
      >
        <AspectRatio ratio={4 / 3}>
          <PhotoImage photo={photo} />
        </AspectRatio>
      </UnstyledButton>
      <Stack gap={2} p="xs">
        <Badge size="xs" variant="light" w="fit-content">
          {t(`repairPage.photos.stages.${photo.stage}`)}
        </Badge>
        {photo.caption ? (
          <Text size="xs" lineClamp={2}>
            {photo.caption}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {format.dateTime(photo.createdAt)}
        </Text>
      </Stack>
    </Card>
  );
}

function PhotoModal({ photo, onClose }: { photo: RepairPhoto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={photo !== null}
      onClose={onClose}
      size="xl"
      fullScreen={isPhone}
      title={photo ? photo.caption || photo.fileName : ''}
    >
      {photo ? (
        <Stack gap="xs">
          <div style={{ height: isPhone ? '70dvh' : '65vh' }}>
            <PhotoImage photo={photo} fit="contain" />
          </div>
          <Text size="xs" c="dimmed">
            {t(`repairPage.photos.stages.${photo.stage}`)} · {format.dateTime(photo.createdAt)}
            {photo.uploadedBy ? ` · ${photo.uploadedBy}` : ''}
          </Text>
        </Stack>
      ) : null}
    </Modal>
  );
}
