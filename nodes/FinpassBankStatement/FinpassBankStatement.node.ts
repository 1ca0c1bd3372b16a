import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { actionProperties, operationSubtitle } from '../shared/framework/descriptions';
import { runOperation } from '../shared/framework/router';
import { finpass } from '../shared/transport';
import { operations } from './actions';

export class FinpassBankStatement implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Bank Statement Analyzer',
		name: 'finpassBankStatement',
		icon: { light: 'file:finpassBankStatement.svg', dark: 'file:finpassBankStatement.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			"Analyze a borrower's bank statement file (PDF, PNG or JPG) with Finpass: upload it, then read the extracted accounts and transactions",
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-bank-statement-analyzer',
		defaults: { name: 'Finpass Bank Statement Analyzer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: actionProperties({
			resource: { name: 'Bank Statement', value: 'bankStatement' },
			operations,
			defaultOperation: 'uploadStatement',
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
