import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomUUID,
  scrypt,
  type KeyObject,
  type ScryptOptions,
} from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { ApiError } from '../shared/api/errors';
import { journalSealSchema } from '../shared/api/journalSeal';

/**
 * The key file beside the database. The database key (32 random bytes) changes when the database is re-keyed
 * (a user deactivated, or «Сменить ключ базы»), so no slot may hold a secret that outlives a re-key:
 *
 *  - every slot (one per user's password, one for the recovery code) owns an X25519 key pair. Its private
 *    key is stored wrapped (AES-256-GCM) by a key derived with scrypt from the password or the code; its
 *    public key is stored in clear;
 *  - the current database key is wrapped to each slot's public key (ephemeral X25519 → HKDF-SHA256 →
 *    AES-256-GCM). Re-keying therefore needs no one's password: the app, while unlocked, wraps the new
 *    key to the public key of every slot that remains. A removed slot, or an old copy of the key file,
 *    yields only the old database key, which the re-keyed file no longer accepts.
 *
 * Slots of version 1 (the database key wrapped directly by the password's scrypt key) are still read; such a
 * slot becomes version 2 when its owner logs in. A re-key cannot reach a version-1 slot: it drops it (the
 * user then needs a new password from an administrator) and, for the recovery slot, issues a new code.
 *
 * scrypt N=2^17, r=8, p=1 uses 128 MiB and takes about 0.3–0.5 s on the reference machine (npm run bench).
 */
export const KDF_PARAMS = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, keyLen: 32 } as const;
type KdfParams = { name: 'scrypt'; N: number; r: number; p: number; keyLen: number };

/** What a key file may demand: a doctored file must not make the app allocate gigabytes or spin for minutes. */
export const KDF_LIMITS = { minLogN: 14, maxLogN: 20, maxR: 16, maxP: 4, maxMemBytes: 256 * 1024 * 1024 } as const;

const b64 = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const slotBase = { type: z.enum(['password', 'recovery']), login: z.string().max(200).nullable() };
/** Version 1: the database key wrapped by the scrypt key of the secret. */
const legacySlotSchema = z.object({ ...slotBase, salt: b64(64), iv: b64(64), tag: b64(64), wrapped: b64(128) });
/** Version 2: the slot's private key wrapped by the secret, and the database key wrapped to its public key. */
const slotSchema = z.object({
  ...slotBase,
  salt: b64(64),
  iv: b64(64),
  tag: b64(64),
  privateKey: b64(256),
  publicKey: b64(256),
  ephemeral: b64(256),
  keyIv: b64(64),
  keyTag: b64(64),
  wrappedKey: b64(128),
});
export type KeySlot = z.infer<typeof slotSchema>;
export type LegacyKeySlot = z.infer<typeof legacySlotSchema>;
type AnySlot = KeySlot | LegacyKeySlot;

const kdfSchema = z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), keyLen: z.literal(32) });

// Loose: a field another part of the app keeps in the key file (the journal's seal, say) survives every rewrite here.
const keyFileSchema = z.looseObject({
  format: z.literal('uchet-keys'),
  version: z.union([z.literal(1), z.literal(2)]),
  cipher: z.literal('sqlcipher-v4'),
  dbId: z.string().min(1).max(200),
  label: z.string().max(1000),
  kdf: kdfSchema,
  /** Counts re-keys; shown to administrators, and tells an old copy of the file from the current one. */
  generation: z.number().int().nonnegative().default(0),
  slots: z.array(z.union([slotSchema, legacySlotSchema])).min(1).max(10_000),
  /** The journal's head as last sealed (electron/services/journalPolicy.ts): a cut or rewritten journal no longer matches it. */
  journalSeal: journalSealSchema.optional(),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export function keyFilePath(dbPath: string): string {
  return `${dbPath}.keys`;
}

/** The key file of a re-key in progress: written before the database is re-keyed, renamed over the key file after. */
export function pendingKeyFilePath(dbPath: string): string {
  return `${dbPath}.keys.next`;
}

export function isLegacySlot(slot: AnySlot): slot is LegacyKeySlot {
  return !('publicKey' in slot);
}

/** Refuses scrypt parameters outside KDF_LIMITS, so a doctored key file cannot take the machine's memory. */
export function assertKdfBounds(kdf: KdfParams, where: string): void {
  const logN = Math.log2(kdf.N);
  const memory = 128 * kdf.N * kdf.r;
  const ok =
    Number.isInteger(logN) &&
    logN >= KDF_LIMITS.minLogN &&
    logN <= KDF_LIMITS.maxLogN &&
    kdf.r >= 1 &&
    kdf.r <= KDF_LIMITS.maxR &&
    kdf.p >= 1 &&
    kdf.p <= KDF_LIMITS.maxP &&
    memory <= KDF_LIMITS.maxMemBytes;
  if (!ok) {
    throw new ApiError(
      'DAMAGED',
      `Файл ключей${where ? ` ${where}` : ''} требует параметры scrypt вне допустимых пределов (N=${kdf.N}, r=${kdf.r}, p=${kdf.p}; ` +
        `допустимо N — степень двойки от 2^${KDF_LIMITS.minLogN} до 2^${KDF_LIMITS.maxLogN}, r до ${KDF_LIMITS.maxR}, p до ${KDF_LIMITS.maxP}, ` +
        `память не больше ${KDF_LIMITS.maxMemBytes / 1024 / 1024} МиБ). Такой файл не открывается: возможно, его подменили. Восстановите файл ключей из резервной копии.`,
    );
  }
}

function deriveKey(secret: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  assertKdfBounds(kdf, '');
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 128 * kdf.N * kdf.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, kdf.keyLen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function seal(key: Buffer, aad: Buffer, plain: Buffer): { iv: Buffer; tag: Buffer; data: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

/** null when the key does not open it (a wrong password, or a slot that was tampered with). */
function open(key: Buffer, aad: Buffer, iv: string, tag: string, data: string): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

function slotAad(version: 1 | 2, dbId: string, type: AnySlot['type'], login: string | null, extra = ''): Buffer {
  return Buffer.from(`uchet-keys|${version}|${dbId}|${type}|${login ?? ''}${extra}`, 'utf8');
}

/** The key that wraps the database key for one slot: X25519 between an ephemeral key and the slot's key, then HKDF. */
function agreedKey(privateKey: KeyObject, publicKey: KeyObject, ephemeralDer: Buffer, slotPublicDer: Buffer, info: Buffer): Buffer {
  const shared = diffieHellman({ privateKey, publicKey });
  try {
    return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralDer, slotPublicDer]), info, 32));
  } finally {
    shared.fill(0);
  }
}

function wrapToSlot(dbKey: Buffer, dbId: string, slot: Pick<KeySlot, 'type' | 'login' | 'publicKey'>): Pick<KeySlot, 'ephemeral' | 'keyIv' | 'keyTag' | 'wrappedKey'> {
  const slotPublicDer = Buffer.from(slot.publicKey, 'base64');
  const slotPublic = createPublicKey({ key: slotPublicDer, format: 'der', type: 'spki' });
  const eph = generateKeyPairSync('x25519');
  const ephemeralDer = eph.publicKey.export({ format: 'der', type: 'spki' });
  const aad = slotAad(2, dbId, slot.type, slot.login, `|${slot.publicKey}`);
  const kek = agreedKey(eph.privateKey, slotPublic, ephemeralDer, slotPublicDer, aad);
  const sealed = seal(kek, aad, dbKey);
  kek.fill(0);
  return {
    ephemeral: ephemeralDer.toString('base64'),
    keyIv: sealed.iv.toString('base64'),
    keyTag: sealed.tag.toString('base64'),
    wrappedKey: sealed.data.toString('base64'),
  };
}

/** A new slot: a fresh key pair, its private half wrapped by the secret, and the database key wrapped to it. */
export async function wrapKey(
  dbKey: Buffer,
  dbId: string,
  type: KeySlot['type'],
  login: string | null,
  secret: string,
  kdf: KdfParams = KDF_PARAMS,
): Promise<KeySlot> {
  const pair = generateKeyPairSync('x25519');
  const privateDer = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const salt = randomBytes(16);
  const kek = await deriveKey(secret, salt, kdf);
  const sealed = seal(kek, slotAad(2, dbId, type, login, `|${publicKey}`), privateDer);
  kek.fill(0);
  privateDer.fill(0);
  const slot = { type, login, publicKey };
  return {
    ...slot,
    salt: salt.toString('base64'),
    iv: sealed.iv.toString('base64'),
    tag: sealed.tag.toString('base64'),
    privateKey: sealed.data.toString('base64'),
    ...wrapToSlot(dbKey, dbId, slot),
  };
}

/** Returns the database key, or null when the secret does not open this slot. */
async function tryUnwrap(file: KeyFile, slot: AnySlot, secret: string): Promise<Buffer | null> {
  const kek = await deriveKey(secret, Buffer.from(slot.salt, 'base64'), file.kdf);
  try {
    if (isLegacySlot(slot)) return open(kek, slotAad(1, file.dbId, slot.type, slot.login), slot.iv, slot.tag, slot.wrapped);
    const aad = slotAad(2, file.dbId, slot.type, slot.login, `|${slot.publicKey}`);
    const privateDer = open(kek, aad, slot.iv, slot.tag, slot.privateKey);
    if (!privateDer) return null;
    try {
      const privateKey = createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
      const ephemeralDer = Buffer.from(slot.ephemeral, 'base64');
      const ephemeral = createPublicKey({ key: ephemeralDer, format: 'der', type: 'spki' });
      const keyKek = agreedKey(privateKey, ephemeral, ephemeralDer, Buffer.from(slot.publicKey, 'base64'), aad);
      const dbKey = open(keyKek, aad, slot.keyIv, slot.keyTag, slot.wrappedKey);
      keyKek.fill(0);
      return dbKey;
    } catch {
      // A public or ephemeral key that is not X25519: the slot was tampered with.
      return null;
    } finally {
      privateDer.fill(0);
    }
  } finally {
    kek.fill(0);
  }
}

const WRONG = 'Неверный логин или пароль';

export async function unwrapWithPassword(file: KeyFile, login: string, password: string): Promise<Buffer> {
  const slot = file.slots.find((s) => s.type === 'password' && s.login === login);
  // An unknown login still costs one derivation, so timing does not tell which logins exist.
  const key = await tryUnwrap(file, slot ?? file.slots[0]!, slot ? password : `${password}\u0000unknown`);
  if (!slot || !key) {
    key?.fill(0);
    throw new ApiError('WRONG_PASSWORD', WRONG);
  }
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
  return {
    file: { format: 'uchet-keys', version: 2, cipher: 'sqlcipher-v4', dbId, label, kdf: { ...KDF_PARAMS }, generation: 0, slots },
    dbKey,
    recoveryCode,
  };
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
  assertKdfBounds(parsed.data.kdf, where);
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
    writeSync(fd, `${JSON.stringify({ ...file, version: 2 }, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function withSlot(file: KeyFile, slot: KeySlot): KeyFile {
  const others = file.slots.filter((s) => !(s.type === slot.type && s.login === slot.login));
  return { ...file, version: 2, slots: [...others, slot] };
}

export async function setPasswordSlot(file: KeyFile, dbKey: Buffer, login: string, password: string): Promise<KeyFile> {
  return withSlot(file, await wrapKey(dbKey, file.dbId, 'password', login, password, file.kdf));
}

export async function setRecoverySlot(file: KeyFile, dbKey: Buffer, code: string): Promise<KeyFile> {
  return withSlot(file, await wrapKey(dbKey, file.dbId, 'recovery', null, normalizeRecoveryCode(code), file.kdf));
}

export function removePasswordSlot(file: KeyFile, login: string): KeyFile {
  return { ...file, slots: file.slots.filter((s) => !(s.type === 'password' && s.login === login)) };
}

/** The slot a secret opened, made version 2 when it was version 1 (null when there is nothing to do). */
export async function upgradeSlot(file: KeyFile, dbKey: Buffer, type: KeySlot['type'], login: string | null, secret: string): Promise<KeyFile | null> {
  const slot = file.slots.find((s) => s.type === type && s.login === login);
  if (!slot || !isLegacySlot(slot)) return null;
  return withSlot(file, await wrapKey(dbKey, file.dbId, type, login, type === 'recovery' ? normalizeRecoveryCode(secret) : secret, file.kdf));
}

export interface Rewrapped {
  file: KeyFile;
  /** Logins whose version-1 slots could not receive the new key: they need a new password. */
  dropped: string[];
  /** True when the recovery slot was version 1: the caller must issue a new recovery code. */
  recoveryDropped: boolean;
}

/** The key file for a new database key: the same slots, each with the new key wrapped to its public key. */
export function rewrapAll(file: KeyFile, newDbKey: Buffer): Rewrapped {
  const dropped: string[] = [];
  let recoveryDropped = false;
  const slots: KeySlot[] = [];
  for (const slot of file.slots) {
    if (isLegacySlot(slot)) {
      if (slot.type === 'recovery') recoveryDropped = true;
      else if (slot.login) dropped.push(slot.login);
      continue;
    }
    slots.push({ ...slot, ...wrapToSlot(newDbKey, file.dbId, slot) });
  }
  return { file: { ...file, version: 2, generation: file.generation + 1, slots }, dropped, recoveryDropped };
}
