import type { Operation } from '../../shared/framework/operation';
import { getAnalysis } from './getAnalysis.operation';
import { getStatementResult } from './getStatementResult.operation';
import { getStatus } from './getStatus.operation';
import { startJourney } from './startJourney.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [startJourney, getStatus, getStatementResult, getAnalysis] as const satisfies readonly Operation[];
