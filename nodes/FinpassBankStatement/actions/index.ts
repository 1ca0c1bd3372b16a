import type { Operation } from '../../shared/framework/operation';
import { getResult } from './getResult.operation';
import { uploadStatement } from './uploadStatement.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [uploadStatement, getResult] as const satisfies readonly Operation[];
