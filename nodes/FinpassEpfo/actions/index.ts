import type { OperationMap } from '../../shared/router';
import { epfoCrifReport } from './epfoCrifReport.operation';

/** Adding an operation: one file beside this one and one line here (and its entry in the node's list). */
export const operations: OperationMap = {
	epfoCrifReport,
};
