import type { OperationMap } from '../../shared/router';
import { getAnalysis } from './getAnalysis.operation';
import { getStatementResult } from './getStatementResult.operation';
import { getStatus } from './getStatus.operation';
import { startJourney } from './startJourney.operation';

/** Adding an operation: one file beside this one and one line here (and its entry in the node's list). */
export const operations: OperationMap = {
	startJourney,
	getStatus,
	getStatementResult,
	getAnalysis,
};
