import { CONVERSATION_ATTACHMENT_TYPES, type ConversationAttachment } from '@bancada/shared';
import {
  ActionIcon,
  Badge,
  Center,
  CloseButton,
  FileButton,
  Group,
  Image,
  Loader,
  Paper,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconCamera, IconFile, IconFileOff, IconPaperclip, IconPhotoOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveFile } from '../../app/download';
import { attachmentFileQuery, useAttachmentFile } from './api';

const THUMB = 96;

/** An object URL for a Blob (or a picked File), revoked when no longer shown. */
function useObjectUrl(blob: Blob | undefined | null): string | null {
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

const isImage = (type: string) => type.startsWith('image/');

/** The files of a message: image thumbnails and file chips, fetched with the token. */
export function AttachmentList({ attachments }: { attachments: ConversationAttachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Group gap="xs" mt={4} wrap="wrap">
      {attachments.map((file) =>
        file.status === 'ready' && isImage(file.contentType) ? (
          <ImageThumb key={file.id} file={file} />
        ) : (
          <FileChip key={file.id} file={file} />
        ),
      )}
    </Group>
  );
}

function ImageThumb({ file }: { file: ConversationAttachment }) {
  const { t } = useTranslation();
  const blob = useAttachmentFile(file.url);
  const url = useObjectUrl(blob.data);
  if (blob.isError) {
    return (
      <Center
        w={THUMB}
        h={THUMB}
        bg="var(--mantine-color-gray-1)"
        title={t('communication.attachments.loadError', { name: file.fileName })}
      >
        <IconPhotoOff
          size={22}
          aria-label={t('communication.attachments.loadError', { name: file.fileName })}
        />
      </Center>
    );
  }
  if (!url) {
    return (
      <Center w={THUMB} h={THUMB} bg="var(--mantine-color-gray-1)">
        <Loader size="sm" aria-label={t('communication.attachments.loading', { name: file.fileName })} />
      </Center>
    );
  }
  return (
    <UnstyledButton
      component="a"
      href={url}
      target="_blank"
      rel="noopener"
      aria-label={t('communication.attachments.open', { name: file.fileName })}
    >
      <Image src={url} alt={file.fileName} w={THUMB} h={THUMB} fit="cover" radius="sm" />
    </UnstyledButton>
  );
}

function FileChip({ file }: { file: ConversationAttachment }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  if (file.status !== 'ready' || !file.url) {
    const pending = file.status === 'pending';
    return (
      <Badge
        variant="light"
        color={pending ? 'gray' : 'red'}
        leftSection={pending ? <Loader size={10} /> : <IconFileOff size={12} aria-hidden />}
        style={{ textTransform: 'none', maxWidth: '100%' }}
      >
        {t(pending ? 'communication.attachments.pending' : 'communication.attachments.unavailable', {
          name: file.fileName,
        })}
      </Badge>
    );
  }
  const url = file.url;
  // a PDF (or a voice note, a video) is fetched with the token when asked for, and handed over as a file
  const open = async () => {
    setState('loading');
    try {
      const blob = await client.fetchQuery(attachmentFileQuery(url));
      saveFile(blob, file.fileName);
      setState('idle');
    } catch {
      setState('error');
    }
  };
  return (
    <Badge
      component="button"
      type="button"
      variant="light"
      color={state === 'error' ? 'red' : undefined}
      leftSection={state === 'loading' ? <Loader size={10} /> : <IconFile size={12} aria-hidden />}
      onClick={() => void open()}
      aria-label={
        state === 'error'
          ? t('communication.attachments.loadError', { name: file.fileName })
          : t('communication.attachments.open', { name: file.fileName })
      }
      aria-busy={state === 'loading'}
      style={{ textTransform: 'none', cursor: 'pointer', maxWidth: '100%' }}
    >
      {file.fileName}
    </Badge>
  );
}

/** The reply box's buttons: a camera (phones open it) and a paperclip for photos and PDFs. */
export function AttachButtons({ onPick, disabled }: { onPick: (files: File[]) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <FileButton onChange={onPick} accept="image/*" capture="environment" multiple disabled={disabled}>
        {(props) => (
          <ActionIcon
            {...props}
            variant="subtle"
            size="input-sm"
            aria-label={t('communication.attachments.camera')}
            hiddenFrom="sm"
          >
            <IconCamera size={18} aria-hidden />
          </ActionIcon>
        )}
      </FileButton>
      <FileButton
        onChange={onPick}
        accept={CONVERSATION_ATTACHMENT_TYPES.join(',')}
        multiple
        disabled={disabled}
      >
        {(props) => (
          <ActionIcon
            {...props}
            variant="subtle"
            size="input-sm"
            aria-label={t('communication.attachments.attach')}
          >
            <IconPaperclip size={18} aria-hidden />
          </ActionIcon>
        )}
      </FileButton>
    </>
  );
}

/** The picked files before sending: image previews and PDF chips, each removable. */
export function PickedFiles({ files, onRemove }: { files: File[]; onRemove: (index: number) => void }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        {t('communication.attachments.selected', { count: files.length })}
      </Text>
      <Group gap="xs" wrap="wrap">
        {files.map((file, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be picked twice
          <Picked key={`${file.name}-${index}`} file={file} onRemove={() => onRemove(index)} />
        ))}
      </Group>
    </Stack>
  );
}

function Picked({ file, onRemove }: { file: File; onRemove: () => void }) {
  const { t } = useTranslation();
  const url = useObjectUrl(isImage(file.type) ? file : null);
  return (
    <Paper withBorder radius="sm" p={4} pos="relative">
      {url ? (
        <Image src={url} alt={file.name} w={64} h={64} fit="cover" radius="sm" />
      ) : (
        <Stack w={64} h={64} gap={2} align="center" justify="center">
          <IconFile size={22} aria-hidden />
          <Text size="xs" c="dimmed" truncate="end" maw={60}>
            {file.name}
          </Text>
        </Stack>
      )}
      <CloseButton
        size="xs"
        pos="absolute"
        top={0}
        right={0}
        onClick={onRemove}
        aria-label={t('communication.attachments.remove', { name: file.name })}
      />
    </Paper>
  );
}
