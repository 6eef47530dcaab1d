export * from './dates';
export * from './age';
export * from './levels';
export * from './schoolYear';
export * from './educationForms';
export * from './names';
export * from './collation';
export * from './snils';
