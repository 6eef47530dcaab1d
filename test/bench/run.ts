import { benchFoundation } from './foundation';
import { heading, report } from './report';

// `npm run bench`: figures, not pass/fail. The machine: see the README.
heading('Основа: база данных, ключи, запись');
await benchFoundation();
report('пиковая память процесса (RSS)', process.resourceUsage().maxRSS / 1024, 'МиБ');
