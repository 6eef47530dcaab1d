/** Kinds of participants the regulations name. Stable ids: stored in the database. */
export const ORG_KINDS = [
  'department',
  'school',
  'kindergarten',
  'police',
  'migration',
  'social',
  'hospital',
  'commission',
  'other',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  department: 'Орган управления образованием',
  school: 'Общеобразовательная организация',
  kindergarten: 'Дошкольная образовательная организация',
  police: 'Органы внутренних дел (ПДН, участковые)',
  migration: 'Миграционный пункт',
  social: 'Социальная политика, опека',
  hospital: 'Здравоохранение',
  commission: 'Комиссия по делам несовершеннолетних',
  other: 'Иная организация',
};

/** A participant pre-filled at set-up; everything is editable afterwards. */
export interface ProfileParticipant {
  /** Stable key within the profile, so a later profile update can find the row it created. */
  key: string;
  kind: OrgKind;
  fullName: string;
  shortName: string;
  headPosition: string;
  /** Where in the regulation the participant is named. */
  basis: string;
}

export interface RegulationProfile {
  id: string;
  title: string;
  municipality: string;
  /** The regulation's own name of the body that keeps the registry. */
  departmentName: string;
  /** Which file of ../shared/regulations the profile encodes (for people reading the code). */
  source: string;
  participants: ProfileParticipant[];
  /** Share of missed lessons in the reporting period above which a pupil "systematically misses" (null: not set). */
  truancyThresholdPercent: number | null;
}
