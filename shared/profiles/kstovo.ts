import type { RegulationProfile } from './types';

/**
 * Порядок организации учёта детей Кстовского муниципального округа, п. 2.1–2.4. The regulation does not name
 * individual schools and kindergartens: the administrator adds them after set-up.
 */
export const kstovo: RegulationProfile = {
  id: 'kstovo',
  title: 'Кстовский муниципальный округ (Нижегородская область)',
  municipality: 'Кстовский муниципальный округ',
  departmentName: 'Департамент образования администрации Кстовского муниципального округа Нижегородской области',
  source: 'kstovo-poryadok.txt',
  truancyThresholdPercent: null,
  participants: [
    {
      key: 'department',
      kind: 'department',
      fullName: 'Департамент образования администрации Кстовского муниципального округа Нижегородской области',
      shortName: 'Департамент образования',
      headPosition: 'Директор департамента',
      basis: 'п. 2.1, 2.2',
    },
    {
      key: 'commission',
      kind: 'commission',
      fullName: 'Комиссия по делам несовершеннолетних и защите их прав Кстовского муниципального округа',
      shortName: 'КДНиЗП',
      headPosition: 'Председатель комиссии',
      basis: 'п. 2.3, 4.4 (система профилактики)',
    },
    {
      key: 'police',
      kind: 'police',
      fullName: 'Подразделение по делам несовершеннолетних органа внутренних дел Кстовского муниципального округа',
      shortName: 'ПДН',
      headPosition: 'Начальник подразделения',
      basis: 'п. 2.3, 4.4 (система профилактики)',
    },
    {
      key: 'social',
      kind: 'social',
      fullName: 'Орган социальной защиты населения Кстовского муниципального округа',
      shortName: 'Соцзащита',
      headPosition: 'Руководитель',
      basis: 'п. 2.3, 4.4 (система профилактики)',
    },
    {
      key: 'guardianship',
      kind: 'social',
      fullName: 'Орган опеки и попечительства Кстовского муниципального округа',
      shortName: 'Опека',
      headPosition: 'Руководитель',
      basis: 'п. 2.3, 4.4 (система профилактики)',
    },
    {
      key: 'hospital',
      kind: 'hospital',
      fullName: 'Учреждение здравоохранения Кстовского муниципального округа',
      shortName: 'Больница',
      headPosition: 'Главный врач',
      basis: 'п. 2.4.1 (дети в лечебно-профилактических учреждениях)',
    },
  ],
};
