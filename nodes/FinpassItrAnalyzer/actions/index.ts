import type { Operation } from '../../shared/framework/operation';
import { getFullData } from './getFullData.operation';
import { getStatus } from './getStatus.operation';
import { startAnalysis } from './startAnalysis.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [startAnalysis, getStatus, getFullData] as const satisfies readonly Operation[];
