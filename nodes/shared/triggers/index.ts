/**
 * What only the trigger nodes need: their descriptions, lifecycle, webhook credentials and
 * secrets, and the delivery pipeline. The mechanics every inbound webhook shares (verification,
 * replay memory, body limits, the answer) are in ../webhooks.
 */
export * from './credentials';
export * from './delivery';
export * from './fields';
export * from './lifecycle';
export * from './properties';
export * from './secret';
export * from './node';
