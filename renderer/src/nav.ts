import { useMemo, useSyncExternalStore } from 'react';

/**
 * Where the user is, kept in the address after «#» (#/child/12): the browser's and Electron's Back work,
 * and a card has an address of its own. The token of browser mode also arrives after «#», once, and is
 * removed before any route is read (api.ts).
 */
export type Route =
  | { page: 'home' }
  | { page: 'stats' }
  | { page: 'registry' }
  | { page: 'education' }
  | { page: 'child'; id: number }
  | { page: 'new' }
  | { page: 'orgs' }
  | { page: 'territories' }
  | { page: 'users' }
  | { page: 'audit' }
  | { page: 'settings' }
  | { page: 'reports' }
  | { page: 'printouts' }
  | { page: 'movement' }
  | { page: 'attendance' }
  | { page: 'register'; id?: number }
  | { page: 'intake'; path?: string };

export type PageId = Route['page'];

const SIMPLE: readonly PageId[] = ['home', 'stats', 'registry', 'education', 'new', 'orgs', 'territories', 'users', 'audit', 'settings', 'reports', 'printouts', 'movement', 'attendance'];

/**
 * Where a user starts: the department (administrator, specialist) at the home dashboard of deadlines and tiles;
 * a school's user and an inspector at the registry.
 */
export function landingPage(role: string): 'home' | 'registry' {
  return role === 'admin' || role === 'operator' ? 'home' : 'registry';
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const child = /^child\/(\d+)$/.exec(path);
  if (child) return { page: 'child', id: Number(child[1]) };
  const register = /^register(?:\/(\d+))?$/.exec(path);
  if (register) return register[1] ? { page: 'register', id: Number(register[1]) } : { page: 'register' };
  const intake = /^intake(?:\/(.*))?$/.exec(path);
  if (intake) return { page: 'intake', path: intake[1] ?? '' };
  const simple = SIMPLE.find((p) => p === path);
  return simple ? ({ page: simple } as Route) : { page: 'registry' };
}

export function routeHref(route: Route): string {
  if (route.page === 'intake') return route.path ? `#/intake/${route.path}` : '#/intake';
  if (route.page === 'register') return route.id !== undefined ? `#/register/${route.id}` : '#/register';
  return route.page === 'child' ? `#/child/${route.id}` : `#/${route.page}`;
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (window.location.hash === href) return;
  if (options.replace) {
    history.replaceState(null, '', window.location.pathname + window.location.search + href);
    // replaceState does not announce itself.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}

function subscribe(fn: () => void): () => void {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
}

const getHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash);
  return useMemo(() => parseRoute(hash), [hash]);
}
