import type { Operation } from '../../shared/framework/operation';
import { fetchReport } from './fetchReport.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [fetchReport] as const satisfies readonly Operation[];
