import { hash, type Options, verify } from '@node-rs/argon2';

// ARCHITECTURE §2: argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's baseline)
// (Algorithm is a const enum, which isolated modules cannot read: 2 is Argon2id)
const OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// verifying against this keeps the timing of an unknown e-mail close to a wrong password
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-0000');
  return dummyHash;
}
