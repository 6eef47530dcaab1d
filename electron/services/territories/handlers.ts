import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { territoryCalls } from '../../../shared/api/territories';
import type { CallContext } from '../context';
import { applyOrgImport, previewOrgImport } from '../tables/orgsImport';
import { actReconcile, reconcileLists, reconcileSummary, runReconcile } from './reconcile';
import { applyTerritoryImport, listTerritories, previewTerritoryImport, removeTerritory, saveTerritory, territoryOfChildCall, unresolvedAddresses } from './service';

type TerritoryCall = keyof typeof territoryCalls;

/** The services of shared/api/territories.ts, spread into electron/handlers.ts. */
export const territoryHandlers: { [N in TerritoryCall]: (ctx: CallContext, input: ParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>> } = {
  'territories.list': listTerritories,
  'territories.save': saveTerritory,
  'territories.remove': removeTerritory,
  'territories.importPreview': previewTerritoryImport,
  'territories.importApply': applyTerritoryImport,
  'territories.unresolved': unresolvedAddresses,
  'territories.ofChild': territoryOfChildCall,
  'orgs.importPreview': previewOrgImport,
  'orgs.importApply': applyOrgImport,
  'reconcile.lists': reconcileLists,
  'reconcile.run': runReconcile,
  'reconcile.act': actReconcile,
  'reconcile.summary': reconcileSummary,
};
