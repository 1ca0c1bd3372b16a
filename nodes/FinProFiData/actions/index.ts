import type { Operation } from '../../shared/framework/operation';
import { getAllFiData } from './getAllFiData.operation';
import { getBalance } from './getBalance.operation';
import { getFiData } from './getFiData.operation';
import { getFiDataXml } from './getFiDataXml.operation';
import { getLatestData } from './getLatestData.operation';

/**
 * The node's operations, in the order its Operation list shows them: alphabetical, as n8n wants
 * for five options or more. Adding one: its file and one line here.
 */
export const operations = [
	getAllFiData,
	getBalance,
	getFiData,
	getFiDataXml,
	getLatestData,
] as const satisfies readonly Operation[];
