const pad = (n: number) => String(n).padStart(2, '0');

function toDate(value: string): Date | null {
  // SQLite's own 'YYYY-MM-DD HH:MM:SS' is UTC without a zone mark.
  const v = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** ДД.ММ.ГГГГ; a bare calendar date is shown as is (no time zone shift). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return `${iso[3]}.${iso[2]}.${iso[1]}`;
  const d = toDate(value);
  return d ? `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}` : value;
}

/** ДД.ММ.ГГГГ ЧЧ:ММ:СС in the user's local time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  if (!d) return value;
  return `${formatDate(value)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The server's «today», from app.state: the screens agree with the services on the date (UCHET_TODAY included). */
let serverToday: string | null = null;
export function setServerToday(iso: string): void {
  serverToday = iso;
}

/** Today as ГГГГ-ММ-ДД: the server's, or this computer's until the first app.state answers. */
export function todayIsoNow(): string {
  if (serverToday) return serverToday;
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function todayRu(): string {
  return formatDate(todayIsoNow());
}

/** Russian plural: plural(3, 'строка', 'строки', 'строк') → «строки». */
export function plural(n: number, one: string, few: string, many: string): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
}
