import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { operationProperty, resourceProperty } from '../shared/descriptions';
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
			resourceProperty('Bank Transactions', 'bankTransactions'),
			operationProperty(
				'bankTransactions',
				[
					{
						name: 'Analyze',
						value: 'analyze',
						action:
							'Compute underwriting insights (ABB, salary, EMIs, obligation ratio, bounces, negative days) from bank transactions in the input',
						description:
							'Input: the output of Fetch JSON Report, FinPro FI Data or Get Statement Result (any output except Summary per Account)',
					},
				],
				'analyze',
			),
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const name = this.getNodeParameter('operation', 0) as string;
		const operation = operations[name as keyof typeof operations];
		if (!operation) throw new NodeOperationError(this.getNode(), `Unknown operation "${name}"`);
		return operation.execute(this);
	}
}
