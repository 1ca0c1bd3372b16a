import type { OperationMap } from '../../shared/router';
import { getFullData } from './getFullData.operation';
import { getStatus } from './getStatus.operation';
import { startAnalysis } from './startAnalysis.operation';

/** Adding an operation: one file beside this one and one line here (and its entry in the node's list). */
export const operations: OperationMap = {
	startAnalysis,
	getStatus,
	getFullData,
};
