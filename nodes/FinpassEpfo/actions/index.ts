import type { Operation } from '../../shared/framework/operation';
import { epfoCrifReport } from './epfoCrifReport.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [epfoCrifReport] as const satisfies readonly Operation[];
