import type { RegulationProfile } from './types';

/** Порядок учёта детей городского округа ЗАТО Свободный, п. 2.2 (participants) and the Инструкция (75 %). */
export const zatoSvobodny: RegulationProfile = {
  id: 'zato-svobodny',
  title: 'Городской округ ЗАТО Свободный (Свердловская область)',
  municipality: 'городской округ ЗАТО Свободный',
  departmentName: 'Отдел образования, молодёжной политики, культуры и спорта администрации городского округа ЗАТО Свободный',
  source: 'zato-svobodny-poryadok.txt',
  truancyThresholdPercent: 75,
  participants: [
    {
      key: 'department',
      kind: 'department',
      fullName: 'Отдел образования, молодёжной политики, культуры и спорта администрации городского округа ЗАТО Свободный',
      shortName: 'Отдел образования',
      headPosition: 'Начальник отдела',
      basis: 'п. 2.1, 2.2',
    },
    {
      key: 'school-25',
      kind: 'school',
      fullName:
        'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 25 им. Героя Советского Союза генерал-лейтенанта Д.М. Карбышева с кадетскими классами»',
      shortName: 'МБОУ «СШ № 25»',
      headPosition: 'Директор',
      basis: 'п. 1.3, 2.2',
    },
    {
      key: 'kindergartens',
      kind: 'kindergarten',
      fullName: 'Муниципальное учреждение дошкольного образования городского округа ЗАТО Свободный',
      shortName: 'Детский сад',
      headPosition: 'Заведующий',
      basis: 'п. 2.2, 2.3.2',
    },
    {
      key: 'social',
      kind: 'social',
      fullName: 'Управление социальной политики по городу Верхняя Салда',
      shortName: 'УСП по г. Верхняя Салда',
      headPosition: 'Начальник управления',
      basis: 'п. 2.2, 2.3.5',
    },
    {
      key: 'commission',
      kind: 'commission',
      fullName: 'Территориальная комиссия по делам несовершеннолетних и защите их прав города Верхняя Салда',
      shortName: 'ТКДНиЗП',
      headPosition: 'Председатель комиссии',
      basis: 'п. 2.2, 2.3.7',
    },
    {
      key: 'police',
      kind: 'police',
      fullName: 'Отделение МВД России ЗАТО Свободный',
      shortName: 'ОМВД ЗАТО Свободный (ПДН)',
      headPosition: 'Начальник отделения',
      basis: 'п. 2.2, 2.3.4',
    },
    {
      key: 'hospital',
      kind: 'hospital',
      fullName: 'Государственное автономное учреждение здравоохранения Свердловской области «Городская больница ЗАТО Свободный»',
      shortName: 'ГАУЗ СО «ГБ ЗАТО Свободный»',
      headPosition: 'Главный врач',
      basis: 'п. 2.2, 2.3.6',
    },
    {
      key: 'migration',
      kind: 'migration',
      fullName: 'Миграционный пункт отделения МВД России по городскому округу ЗАТО «Свободный»',
      shortName: 'Миграционный пункт',
      headPosition: 'Начальник миграционного пункта',
      basis: 'п. 2.2, 2.3.3',
    },
  ],
};
