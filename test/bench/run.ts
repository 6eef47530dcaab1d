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
heading('Основа: база данных, ключи, запись');
await benchFoundation();
heading('Смена ключа базы');
await benchRekey();
heading('Реестр детей');
await benchRegistry();
heading('Приём списков: связывание с реестром');
await benchLinkage();
heading('Территории школ: адрес каждого ребёнка → школа');
// The desk (home dashboard, statistics, forecast) on the territories' district: one 200,000-child build for both.
await benchTerritories([benchDesk]);
heading('Не обучаются: список на дату, сведения о ребёнке');
await benchNotInEducation();
heading('Формы отчётов: PDF и XLSX длинного списка');
await benchReports();
heading('Посещаемость: список не посещающих и систематически пропускающих за месяц');
await benchTruancy();
heading('Приём файлов: пределы (таблицы-ловушки из тестов, каждая в своём процессе)');
await benchFiles();
report('пиковая память процесса (RSS)', process.resourceUsage().maxRSS / 1024, 'МиБ');
