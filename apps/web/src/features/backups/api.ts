import { type Backup, BackupListSchema, BackupSchema } from '@bancada/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFile } from '../../app/api';
import { saveFile } from '../../app/download';

const backupKeys = {
  list: ['backups', 'list'] as const,
};

/** The list, polled every 1.5 s while a backup runs (its progress bar moves with it). */
export function useBackups() {
  return useQuery({
    queryKey: backupKeys.list,
    queryFn: ({ signal }) => api('/backups', { schema: BackupListSchema, signal }),
    refetchInterval: (query) =>
      query.state.data?.items.some((backup) => backup.status === 'running') ? 1500 : false,
  });
}

export function useStartBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/backups', { schema: BackupSchema, method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backupKeys.list }),
  });
}

/** The encrypted archive, fetched with the session's token and handed to the browser. */
export async function downloadBackup(backup: Backup): Promise<void> {
  const file = await apiFile(`/backups/${backup.id}/download`, {
    headers: { Accept: 'application/octet-stream' },
  });
  saveFile(file.blob, file.filename ?? backup.fileName ?? 'bancada-backup.bak');
}
