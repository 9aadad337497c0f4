import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { promisify } from 'node:util';

/** The socket inodes listening on `port` in one /proc/net/tcp{,6} table (state 0A = LISTEN). */
export function listeningInodes(table: string, port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (!local || fields[3] !== '0A') continue;
    if (local.slice(local.lastIndexOf(':') + 1).toUpperCase() === hexPort && fields[9])
      inodes.push(fields[9]);
  }
  return inodes;
}

async function fromProc(port: number): Promise<{ pid: number; name: string } | null> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const inode of listeningInodes(text, port)) if (inode !== '0') inodes.add(`socket:[${inode}]`);
  }
  if (inodes.size === 0) return null;
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      if (inodes.has(target)) {
        const name = (await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '')).trim();
        return { pid: Number(entry), name: name || 'a program' };
      }
    }
  }
  return null;
}

/** `ss -ltnp` names the process when /proc does not tell (another user's process, no /proc). */
async function fromSs(port: number): Promise<{ pid: number; name: string } | null> {
  try {
    const { stdout } = await promisify(execFile)('ss', ['-ltnpH', `sport = :${port}`], { timeout: 2000 });
    const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(stdout);
    return match ? { pid: Number(match[2]), name: match[1]! } : null;
  } catch {
    return null;
  }
}

/**
 * Who listens on a TCP port, for a start-up message: `"postgres" (pid 812)`, or null when it cannot
 * be found out (another user's process without root, no /proc and no `ss`).
 */
export async function describePortOwner(port: number): Promise<string | null> {
  const owner = (await fromProc(port)) ?? (await fromSs(port));
  return owner ? `"${owner.name}" (pid ${owner.pid})` : null;
}
