export * from './money';
export * from './reconciliation';
export * from './rupees';
