import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationSubtitle } from '../shared/framework/descriptions';
import { localActionProperties, runLocalOperation } from '../shared/framework/local';
import { operations } from './actions';

/**
 * Underwriting insights from bank transactions another node fetched (Finpass AA Get JSON
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
		// The hidden resource is there for AI agents: with it n8n shows them the operation's action text.
		properties: localActionProperties({ resource: { name: 'Bank Transactions', value: 'bankTransactions' }, operations, defaultOperation: 'analyze' }),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runLocalOperation(this, operations);
	}
}
