import type { OperationMap } from '../../shared/router';
import { getAllFiData } from './getAllFiData.operation';
import { getBalance } from './getBalance.operation';
import { getFiData } from './getFiData.operation';
import { getFiDataXml } from './getFiDataXml.operation';
import { getLatestData } from './getLatestData.operation';

/** Adding an operation: one file beside this one and one line here (and its entry in the node's list). */
export const operations: OperationMap = {
	getFiData,
	getAllFiData,
	getLatestData,
	getBalance,
	getFiDataXml,
};
