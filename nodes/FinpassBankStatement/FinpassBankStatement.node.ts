import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationProperty, requestOptionsProperty, resourceProperty } from '../shared/descriptions';
import { runOperation } from '../shared/router';
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
		properties: [
			resourceProperty('Bank Statement', 'bankStatement'),
			operationProperty(
				'bankStatement',
				[
					{
						name: 'Upload Statement',
						value: 'uploadStatement',
						action: "Upload a bank statement file (PDF, PNG or JPG in the input item's binary field) for analysis and get its client_id",
						description:
							'Sends a PDF, PNG or JPG from a binary field; returns client_id, or with Wait for Completion the analysis result',
					},
					{
						name: 'Get Result',
						value: 'getResult',
						action:
							'Get the status and, once complete, the extracted account information of a bank statement analysis, by the client_id from Upload Statement',
						description: 'Status, progress and, once complete, the extracted account information',
					},
				],
				'uploadStatement',
			),
			...Object.values(operations).flatMap((operation) => operation.description),
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
