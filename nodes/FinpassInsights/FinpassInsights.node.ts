import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { choiceProperty } from '../shared/framework/descriptions';
import { operations } from './actions';

/**
 * Underwriting insights from bank transactions another node fetched (Finpass AA Fetch JSON
 * Report, FinPro FI Data, Finpass AA-BSA statement result). No credentials and no requests:
 * the computation is local, free and exact (insights/).
 */
export class FinpassInsights implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Underwriting Insights',
		name: 'finpassInsights',
		icon: { light: 'file:../shared/finpass.svg', dark: 'file:../shared/finpass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["output"]}}',
		description:
			'Underwriting figures from bank transactions, computed locally at no cost: monthly balances and ABB, salary, EMIs and obligation ratio, bounces and other risk signals, each with the transactions behind it',
		defaults: { name: 'Underwriting Insights' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: [
			// With a Resource selector n8n shows AI agents the operation's action text.
			choiceProperty('Resource', 'resource', [{ name: 'Bank Transactions', value: 'bankTransactions' }], 'bankTransactions', {
				noDataExpression: true,
			}),
			choiceProperty(
				'Operation',
				'operation',
				operations.map(({ name, value, action, description }) => ({ name, value, action, description })),
				'analyze',
				{ noDataExpression: true, displayOptions: { show: { resource: ['bankTransactions'] } } },
			),
			...operations.flatMap((operation) => updateDisplayOptions({ show: { operation: [operation.value] } }, operation.properties)),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const name = this.getNodeParameter('operation', 0) as string;
		const operation = operations.find((candidate) => candidate.value === name);
		if (!operation) throw new NodeOperationError(this.getNode(), `Unknown operation "${name}"`);
		return operation.execute(this);
	}
}
