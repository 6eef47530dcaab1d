import { kstovo } from './kstovo';
import type { RegulationProfile } from './types';
import { zatoSvobodny } from './zato-svobodny';

export * from './types';

/** Every shipped profile. A third municipality is one more file here, not a change to services. */
export const PROFILES: readonly RegulationProfile[] = [zatoSvobodny, kstovo];

export function findProfile(id: string): RegulationProfile | undefined {
  return PROFILES.find((p) => p.id === id);
}
