/**
 * What every inbound webhook of this package needs, triggers and the consent callback alike:
 * verification, replay memory, body limits, the answer and the shared webhook description.
 */
export * from './body';
export * from './description';
export * from './replay';
export * from './respond';
export * from './verify';
