/** One figure a line, so a closing note can quote them as printed. */
export function report(what: string, value: number, unit: string): void {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 0);
  console.log(`${what.padEnd(72, ' ')} ${shown.padStart(10, ' ')} ${unit}`);
}

export function heading(title: string): void {
  console.log(`\n== ${title}`);
}
