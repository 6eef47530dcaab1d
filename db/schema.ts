import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Settings of this database: profile, department name, idle lock. One row per key. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const organizations = sqliteTable('organizations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  profileKey: text('profile_key'),
  kind: text('kind').notNull(),
  fullName: text('full_name').notNull(),
  shortName: text('short_name').notNull(),
  address: text('address').notNull().default(''),
  headPosition: text('head_position').notNull().default(''),
  headName: text('head_name').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    orgId: integer('org_id').references(() => organizations.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('users_login_uq').on(t.login)],
);

/**
 * Append-only: triggers in the migration refuse UPDATE and DELETE, and each row's hash covers the previous
 * row's hash, so an edit made past the triggers (another SQLite tool with the key) is still detected.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userLogin: text('user_login').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    details: text('details'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_object_idx').on(t.objectType, t.objectId)],
);

export const children = sqliteTable(
  'children',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surname: text('surname').notNull(),
    name: text('name').notNull(),
    patronymic: text('patronymic'),
    birthDate: text('birth_date').notNull(),
    gender: text('gender'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [index('children_birth_idx').on(t.birthDate)],
);

/** Where a child studies; a row per period. The current one has no end date. */
export const studies = sqliteTable(
  'studies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    classLabel: text('class_label'),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [index('studies_child_idx').on(t.childId), index('studies_org_idx').on(t.orgId, t.validTo)],
);
