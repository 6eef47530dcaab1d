import type { IsoDate } from '../../shared/domain/dates';
import type { Unlocked, Workspace } from '../app/workspace';

/** What a service gets for one call. It never learns which transport made the call. */
export interface CallContext {
  ws: Workspace;
  /** The unlocked session; throws LOCKED for calls made while locked. */
  session(): Unlocked;
  /** Names what the call touched, for the audit entry. */
  target(objectType: string, objectId: string | number | null, details?: unknown): void;
  /** Runs database writes and the call's audit entry in one IMMEDIATE transaction. */
  tx<T>(fn: () => T): T;
  /** The call's clock (the workspace's; UCHET_TODAY in tests and the demo). Never `new Date()` in a service. */
  now(): Date;
  /** The local calendar date of now(): what «today» means for ages, facts in force and stamps. */
  today(): IsoDate;
}
