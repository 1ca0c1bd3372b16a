/** The trigger engine both triggers share; each vendor's event normaliser sits beside its trigger. */
export * from './credentials';
export * from './delivery';
export * from './fields';
export * from './lifecycle';
export * from './properties';
export * from './replay';
export * from './secret';
export * from './verify';
export * from './node';
