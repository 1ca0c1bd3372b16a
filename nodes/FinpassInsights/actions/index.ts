import { analyze } from './analyze.operation';
import { markAlerted } from './markAlerted.operation';
import { signals } from './signals.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [analyze, signals, markAlerted] as const;
