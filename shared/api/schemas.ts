import { z } from 'zod';
import { ORG_KINDS } from '../profiles/types';
import { ROLES } from './roles';

// Russian messages for every zod failure that has no message of its own.
z.config(z.locales.ru());

export const roleSchema = z.enum(ROLES);
export const orgKindSchema = z.enum(ORG_KINDS);
export const isoDateSchema = z.iso.date({ message: 'Дата в формате ГГГГ-ММ-ДД' });

export const loginSchema = z
  .string()
  .trim()
  .min(2, 'Логин — не короче 2 символов')
  .max(40, 'Логин — не длиннее 40 символов')
  .regex(/^[a-zA-Z0-9._-]+$/, 'Логин — латинские буквы, цифры, точка, дефис, подчёркивание');

/** Password length only: the key derivation makes guessing slow; a passphrase is easier to remember than symbols. */
export const newPasswordSchema = z
  .string()
  .min(8, 'Пароль — не короче 8 символов')
  .max(200, 'Пароль — не длиннее 200 символов');
export const passwordSchema = z.string().min(1, 'Введите пароль').max(200);

export const sessionUserSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  orgId: z.number().int().nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const userSchema = sessionUserSchema.extend({
  active: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const requiredText = (what: string, max = 500) =>
  z.string().trim().min(1, `Заполните поле «${what}»`).max(max, `«${what}» — не длиннее ${max} символов`);

export const orgInputSchema = z.object({
  kind: orgKindSchema,
  fullName: requiredText('Полное наименование', 1000),
  shortName: requiredText('Краткое наименование', 200),
  address: z.string().trim().max(500),
  headPosition: z.string().trim().max(200),
  headName: z.string().trim().max(200),
});
export const orgSchema = orgInputSchema.extend({
  id: z.number().int(),
  profileKey: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof orgSchema>;
export type OrganizationInput = z.infer<typeof orgInputSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userLogin: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  details: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const genderSchema = z.enum(['m', 'f']);

