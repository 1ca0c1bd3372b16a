import type { Operation } from '../../shared/framework/operation';
import { getAllFiData } from './getAllFiData.operation';
import { getBalance } from './getBalance.operation';
import { getFiData } from './getFiData.operation';
import { getFiDataXml } from './getFiDataXml.operation';
import { getLatestData } from './getLatestData.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [
	getFiData,
	getAllFiData,
	getLatestData,
	getBalance,
	getFiDataXml,
] as const satisfies readonly Operation[];
