import { benchFiles } from './files';
import { benchFoundation } from './foundation';
import { benchLinkage } from './linkage';
import { benchRegistry } from './registry';
import { benchRekey } from './rekey';
import { benchReports } from './reports';
import { benchTerritories } from './territories';
import { benchNotInEducation } from './notInEducation';
import { benchDesk } from './desk';
import { benchTruancy } from './truancy';
import { heading, report } from './report';

// `npm run bench`: figures, not pass/fail. BENCH_CHILDREN sets the registry size (default 200,000), BENCH_LIST_ROWS the
// incoming list of the linkage benchmark (default 50,000), BENCH_REPORT_ROWS the report lists (default 5000,50000).
// The figures are made as of a stated date (the demo registry, ages), so runs on different days compare.
process.env.UCHET_TODAY ??= '2026-09-15';
// BENCH_ONLY=linkage,reports (the names below) runs only those sections: one figure reproduced without the hour of the rest.
const SECTIONS: [name: string, title: string, run: () => Promise<unknown>][] = [
  ['foundation', 'Основа: база данных, ключи, запись', benchFoundation],
  ['rekey', 'Смена ключа базы', benchRekey],
  ['registry', 'Реестр детей', benchRegistry],
  ['linkage', 'Приём списков: связывание с реестром', benchLinkage],
  // The desk (home dashboard, statistics, forecast) on the territories' district: one 200,000-child build for both.
  ['territories', 'Территории школ: адрес каждого ребёнка → школа', () => benchTerritories([benchDesk])],
  ['notInEducation', 'Не обучаются: список на дату, сведения о ребёнке', benchNotInEducation],
  ['reports', 'Формы отчётов: PDF и XLSX длинного списка', benchReports],
  ['truancy', 'Посещаемость: список не посещающих и систематически пропускающих за месяц', benchTruancy],
  ['files', 'Приём файлов: пределы (таблицы-ловушки из тестов, каждая в своём процессе)', benchFiles],
];
const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
const unknown = only?.filter((x) => !SECTIONS.some(([name]) => name === x)) ?? [];
if (unknown.length) throw new Error(`BENCH_ONLY: нет таких разделов: ${unknown.join(', ')} (есть: ${SECTIONS.map(([name]) => name).join(', ')})`);
for (const [name, title, run] of SECTIONS) {
  if (only && !only.includes(name)) continue;
  heading(title);
  await run();
}
report('пиковая память процесса (RSS)', process.resourceUsage().maxRSS / 1024, 'МиБ');
