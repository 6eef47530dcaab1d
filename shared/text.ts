const rules = new Intl.PluralRules('ru');

/** Russian plural form: plural(3, 'запись', 'записи', 'записей') → 'записи'. */
export function plural(n: number, one: string, few: string, many: string): string {
  const form = rules.select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}

/** First letter upper-case, for a label standing alone (a table cell) rather than inside a sentence. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
