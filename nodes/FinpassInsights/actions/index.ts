import { analyze } from './analyze.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [analyze] as const;
