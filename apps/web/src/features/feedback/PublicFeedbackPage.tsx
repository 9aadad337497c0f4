import type { PublicFeedback } from '@bancada/shared';
import {
  Alert,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconCircleCheck, IconStar, IconStarFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { PublicFrame } from '../../app/components/PublicFrame';
import { useAnswerFeedback, usePublicFeedback, usePublicLanguage } from './api';

export function PublicLoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const invalid = error instanceof ApiError && (error.status === 401 || error.status === 404);
  return (
    <Alert
      color={invalid ? 'gray' : 'red'}
      icon={<IconAlertCircle aria-hidden />}
      title={t('engagement.public.linkProblem')}
    >
      <Stack gap={4}>
        <Text size="sm">{errorMessage(error)}</Text>
        {invalid ? (
          <Text size="sm" c="dimmed">
            {t('engagement.public.askShop')}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}

const NPS_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function StarPicker({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} role="radiogroup" aria-label={t('engagement.public.ratingQuestion')} wrap="nowrap">
      {[1, 2, 3, 4, 5].map((n) => (
        <UnstyledButton
          key={n}
          role="radio"
          aria-checked={value === n}
          aria-label={t('engagement.feedback.ratingOf', { rating: n })}
          onClick={() => onChange(n)}
          p={4}
        >
          {n <= value ? (
            <IconStarFilled size={40} color="var(--mantine-color-yellow-6)" aria-hidden />
          ) : (
            <IconStar size={40} color="var(--mantine-color-gray-5)" aria-hidden />
          )}
        </UnstyledButton>
      ))}
    </Group>
  );
}

function NpsPicker({ value, onChange }: { value: number | null; onChange: (value: number) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <SimpleGrid
        cols={{ base: 6, xs: 11 }}
        spacing={6}
        role="radiogroup"
        aria-label={t('engagement.public.npsQuestion')}
      >
        {NPS_VALUES.map((n) => (
          <Button
            key={n}
            role="radio"
            aria-checked={value === n}
            variant={value === n ? 'filled' : 'default'}
            color={n <= 6 ? 'red' : n <= 8 ? 'yellow' : 'teal'}
            onClick={() => onChange(n)}
            px={0}
            h={44}
          >
            {n}
          </Button>
        ))}
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t('engagement.public.npsLow')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('engagement.public.npsHigh')}
        </Text>
      </Group>
    </Stack>
  );
}

function AnswerForm({
  token,
  feedback,
  onAnswered,
}: {
  token: string;
  feedback: PublicFeedback;
  onAnswered: () => void;
}) {
  const { t } = useTranslation();
  const send = useAnswerFeedback(token);
  const [rating, setRating] = useState(0);
  const [nps, setNps] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const missing = rating === 0 || nps === null;

  const submit = () => {
    setTried(true);
    if (missing) return;
    send.mutate({ rating, nps, comment: comment.trim() || null }, { onSuccess: onAnswered });
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} fz="h3">
          {t('engagement.public.title', { number: feedback.repairNumber })}
        </Title>
        {feedback.asset ? <Text c="dimmed">{feedback.asset}</Text> : null}
      </Stack>
      <Stack gap="xs">
        <Text fw={600}>{t('engagement.public.ratingQuestion')}</Text>
        <StarPicker value={rating} onChange={setRating} />
        {tried && rating === 0 ? (
          <Text size="sm" c="red">
            {t('engagement.public.chooseRating')}
          </Text>
        ) : null}
      </Stack>
      <Stack gap="xs">
        <Text fw={600}>{t('engagement.public.npsQuestion', { shop: feedback.shopName })}</Text>
        <NpsPicker value={nps} onChange={setNps} />
        {tried && nps === null ? (
          <Text size="sm" c="red">
            {t('engagement.public.chooseNps')}
          </Text>
        ) : null}
      </Stack>
      <Textarea
        label={t('engagement.public.comment')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        maxLength={2000}
        autosize
        minRows={3}
      />
      {send.isError ? <PublicLoadError error={send.error} /> : null}
      <Button size="lg" onClick={submit} loading={send.isPending} fullWidth>
        {t('engagement.public.send')}
      </Button>
    </Stack>
  );
}

function Answered({ feedback, justNow }: { feedback: PublicFeedback; justNow: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm" align="center" ta="center">
        <IconCircleCheck size={48} color="var(--mantine-color-teal-6)" aria-hidden />
        <Title order={1} fz="h3">
          {justNow ? t('engagement.public.thanksTitle') : t('engagement.public.alreadyTitle')}
        </Title>
        <Text>
          {justNow
            ? t('engagement.public.thanks', { shop: feedback.shopName })
            : t('engagement.public.already', { number: feedback.repairNumber })}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The customer's feedback link (issue 14 §5): no login, phone first, once per order. */
export function PublicFeedbackPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const feedback = usePublicFeedback(token);
  const [answeredHere, setAnsweredHere] = useState(false);
  usePublicLanguage(feedback.data?.locale);
  useDocumentTitle(
    feedback.data ? `${t('engagement.public.documentTitle')} · ${feedback.data.shopName}` : 'Bancada',
  );

  return (
    <PublicFrame shopName={feedback.data?.shopName}>
      {feedback.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton height={28} width="60%" />
          <Skeleton height={60} />
          <Skeleton height={120} />
        </Stack>
      ) : feedback.isError ? (
        <PublicLoadError error={feedback.error} />
      ) : feedback.data.answered ? (
        <Answered feedback={feedback.data} justNow={answeredHere} />
      ) : (
        <AnswerForm token={token} feedback={feedback.data} onAnswered={() => setAnsweredHere(true)} />
      )}
    </PublicFrame>
  );
}
