import type { OperationMap } from '../../shared/router';
import { getResult } from './getResult.operation';
import { uploadStatement } from './uploadStatement.operation';

/** Adding an operation: one file beside this one and one line here (and its entry in the node's list). */
export const operations: OperationMap = {
	uploadStatement,
	getResult,
};
