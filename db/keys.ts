import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scrypt, type ScryptOptions } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { ApiError } from '../shared/api/errors';

/**
 * The database key is 32 random bytes. It is stored only wrapped (AES-256-GCM) by keys derived from each
 * user's password and from the recovery code, in a key file beside the database. A password change rewraps
 * one slot; the database itself is never re-encrypted.
 *
 * scrypt N=2^17, r=8, p=1 uses 128 MiB and takes about 0.3–0.5 s on the reference machine (npm run bench).
 */
export const KDF_PARAMS = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, keyLen: 32 } as const;
type KdfParams = { name: 'scrypt'; N: number; r: number; p: number; keyLen: number };

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const slotSchema = z.object({
  type: z.enum(['password', 'recovery']),
  login: z.string().nullable(),
  salt: b64,
  iv: b64,
  tag: b64,
  wrapped: b64,
});
export type KeySlot = z.infer<typeof slotSchema>;

const keyFileSchema = z.object({
  format: z.literal('uchet-keys'),
  version: z.literal(1),
  cipher: z.literal('sqlcipher-v4'),
  dbId: z.string().min(1),
  label: z.string(),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), keyLen: z.literal(32) }),
  slots: z.array(slotSchema).min(1),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export function keyFilePath(dbPath: string): string {
  return `${dbPath}.keys`;
}

function deriveKey(secret: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, kdf.keyLen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function slotAad(dbId: string, type: KeySlot['type'], login: string | null): Buffer {
  return Buffer.from(`uchet-keys|1|${dbId}|${type}|${login ?? ''}`, 'utf8');
}

export async function wrapKey(
  dbKey: Buffer,
  dbId: string,
  type: KeySlot['type'],
  login: string | null,
  secret: string,
  kdf: KdfParams = KDF_PARAMS,
): Promise<KeySlot> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await deriveKey(secret, salt, kdf);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(slotAad(dbId, type, login));
  const wrapped = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  return {
    type,
    login,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  };
}

/** Returns the database key, or null when the secret does not open this slot. */
async function tryUnwrap(file: KeyFile, slot: KeySlot, secret: string): Promise<Buffer | null> {
  const kek = await deriveKey(secret, Buffer.from(slot.salt, 'base64'), file.kdf);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
  decipher.setAAD(slotAad(file.dbId, slot.type, slot.login));
  decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

const WRONG = 'Неверный логин или пароль';

export async function unwrapWithPassword(file: KeyFile, login: string, password: string): Promise<Buffer> {
  const slot = file.slots.find((s) => s.type === 'password' && s.login === login);
  // An unknown login still costs one derivation, so timing does not tell which logins exist.
  const key = await tryUnwrap(file, slot ?? file.slots[0]!, slot ? password : `${password}\u0000unknown`);
  if (!slot || !key) throw new ApiError('WRONG_PASSWORD', WRONG);
  return key;
}

export async function unwrapWithRecoveryCode(file: KeyFile, code: string): Promise<Buffer> {
  const slot = file.slots.find((s) => s.type === 'recovery');
  if (!slot) throw new ApiError('WRONG_PASSWORD', 'В этой базе нет кода восстановления');
  const key = await tryUnwrap(file, slot, normalizeRecoveryCode(code));
  if (!key) throw new ApiError('WRONG_PASSWORD', 'Неверный код восстановления');
  return key;
}

// Crockford's base32: no I, L, O, U, so a code read aloud or retyped from paper is hard to get wrong.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 25 symbols × 5 bits = 125 random bits, shown as five groups of five. */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(25);
  const symbols = [...bytes].map((b) => CROCKFORD[b & 31]).join('');
  return symbols.match(/.{5}/g)!.join('-');
}

export function normalizeRecoveryCode(code: string): string {
  const cleaned = code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return cleaned.match(/.{1,5}/g)?.join('-') ?? '';
}

export interface NewKeyFile {
  file: KeyFile;
  dbKey: Buffer;
  recoveryCode: string;
}

export async function createKeyFile(label: string, login: string, password: string): Promise<NewKeyFile> {
  const dbKey = randomBytes(32);
  const dbId = randomUUID();
  const recoveryCode = generateRecoveryCode();
  const slots = [
    await wrapKey(dbKey, dbId, 'password', login, password),
    await wrapKey(dbKey, dbId, 'recovery', null, recoveryCode),
  ];
  return { file: { format: 'uchet-keys', version: 1, cipher: 'sqlcipher-v4', dbId, label, kdf: { ...KDF_PARAMS }, slots }, dbKey, recoveryCode };
}

export function parseKeyFile(text: string, where: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('DAMAGED', `Файл ключей повреждён (${where}): это не JSON. Восстановите базу из резервной копии.`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ApiError(
      'DAMAGED',
      `Файл ключей повреждён (${where}): поле «${first?.path.join('.') ?? '?'}» не на месте. Восстановите базу из резервной копии.`,
    );
  }
  return parsed.data;
}

export function readKeyFile(path: string): KeyFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ApiError('NOT_FOUND', `Нет файла ключей ${path}: без него база данных не откроется.`);
  }
  return parseKeyFile(text, path);
}

/** Written to a temporary file, flushed, then renamed over the old one: a crash leaves the old or the new file whole. */
export function writeKeyFile(path: string, file: KeyFile): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export async function setPasswordSlot(file: KeyFile, dbKey: Buffer, login: string, password: string): Promise<KeyFile> {
  const slot = await wrapKey(dbKey, file.dbId, 'password', login, password, file.kdf);
  return { ...file, slots: [...file.slots.filter((s) => !(s.type === 'password' && s.login === login)), slot] };
}

export function removePasswordSlot(file: KeyFile, login: string): KeyFile {
  return { ...file, slots: file.slots.filter((s) => !(s.type === 'password' && s.login === login)) };
}
