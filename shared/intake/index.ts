export * from './parseDate';
export * from './parseFio';
export * from './firstNames';
export * from './headers';
export * from './phonetic';
export * from './jaroWinkler';
export * from './linkage';
