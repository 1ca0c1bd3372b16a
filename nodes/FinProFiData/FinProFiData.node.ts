import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { actionProperties, operationSubtitle } from '../shared/framework/descriptions';
import { runOperation } from '../shared/framework/router';
import { finpro } from '../shared/transport';
import { operations } from './actions';

export class FinProFiData implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FinPro FI Data',
		name: 'finProFiData',
		icon: { light: 'file:finProFiData.svg', dark: 'file:finProFiData.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			"Read a borrower's consented bank data from FinPro (Account Aggregator FIU platform): accounts, transactions and balances, with optional balance reconciliation",
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpro-fi-data',
		defaults: { name: 'FinPro FI Data' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finProApi', required: true }],
		properties: actionProperties({
			resource: { name: 'Financial Information', value: 'fiData' },
			operations,
			defaultOperation: 'getFiData',
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpro, operations);
	}
}
