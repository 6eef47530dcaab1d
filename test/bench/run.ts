import { benchFoundation } from './foundation';
import { benchRegistry } from './registry';
import { heading, report } from './report';

// `npm run bench`: figures, not pass/fail. BENCH_CHILDREN sets the registry size (default 200,000).
heading('Основа: база данных, ключи, запись');
await benchFoundation();
heading('Реестр детей');
await benchRegistry();
report('пиковая память процесса (RSS)', process.resourceUsage().maxRSS / 1024, 'МиБ');
