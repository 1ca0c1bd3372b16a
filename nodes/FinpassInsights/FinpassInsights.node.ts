import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { choiceProperty, hiddenResourceProperty, operationSubtitle } from '../shared/framework/descriptions';
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
		icon: { light: 'file:finpassInsights.svg', dark: 'file:finpassInsights.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Underwriting figures from bank transactions, computed locally at no cost: monthly balances and ABB, salary, EMIs and obligation ratio, bounces and other risk signals, each with the transactions behind it',
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-underwriting-insights',
		defaults: { name: 'Underwriting Insights' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: [
			// Hidden, but there: with it n8n shows AI agents the operation's action text.
			hiddenResourceProperty({ name: 'Bank Transactions', value: 'bankTransactions' }),
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
