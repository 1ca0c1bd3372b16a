export * from './money';
export * from './reconciliation';
