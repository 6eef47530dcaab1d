import { contract, type CallName, type Role } from '../../shared/api';

/** Mirrors the dispatcher's rule so the UI hides what the server would refuse anyway. */
export function canCall(role: Role, name: CallName): boolean {
  const access = contract[name].access;
  if (access === 'public' || access === 'unlocked') return true;
  return access.includes(role);
}
