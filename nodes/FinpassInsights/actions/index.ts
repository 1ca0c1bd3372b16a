import { analyze } from './analyze.operation';

/** Adding an operation: one file beside this one and one line here (and its entry in the node's list). */
export const operations = { analyze };
