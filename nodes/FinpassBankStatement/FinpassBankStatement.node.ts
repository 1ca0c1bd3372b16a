import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { actionProperties } from '../shared/framework/descriptions';
import { runOperation } from '../shared/framework/router';
import { finpass } from '../shared/transport';
import { operations } from './actions';

export class FinpassBankStatement implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Bank Statement Analyser',
		name: 'finpassBankStatement',
		icon: { light: 'file:../shared/finpass.svg', dark: 'file:../shared/finpass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			"Analyse a borrower's bank statement file (PDF, PNG or JPG) with Finpass: upload it, then read the extracted accounts and transactions",
		defaults: { name: 'Finpass Bank Statement Analyser' },
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
