import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another Bancada server (pid ${pid}) is already running on the data folder ${dataDir}. ` +
        `Only one server may use a data folder at a time. Fix: stop it first (\`kill -TERM ${pid}\`, or Ctrl-C where it runs), ` +
        'or start this one with a different DATA_DIR.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started (clock ticks since boot, /proc/<pid>/stat field 22); null without /proc. */
export function processStartTime(pid: number | 'self'): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count from the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether the pid file's process still runs. The start time written beside the pid tells a process
 * that merely got the same number after a crash and restart (common in containers) from the owner.
 */
function isOwnerAlive(pid: number, startTime: string | undefined): boolean {
  if (!isAlive(pid)) return false;
  if (!startTime) return true;
  const now = processStartTime(pid);
  return now === null || now === startTime;
}

/** One process per DATA_DIR: an exclusive pid file, taken over only when its owner is gone. */
export function acquireDataDirLock(dataDir: string): { release: () => void } {
  const file = path.join(dataDir, 'bancada.pid');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      const started = processStartTime('self');
      writeSync(fd, started ? `${process.pid} ${started}` : String(process.pid));
      closeSync(fd);
      return {
        release: () => {
          try {
            if (readFileSync(file, 'utf8').split(' ')[0]?.trim() === String(process.pid)) unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText, startTime] = readFileSync(file, 'utf8').trim().split(' ');
      const pid = Number.parseInt(pidText ?? '', 10);
      if (Number.isInteger(pid) && pid !== process.pid && isOwnerAlive(pid, startTime))
        throw new DataDirLockedError(dataDir, pid);
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new Error(`could not take the lock ${file}`);
}
