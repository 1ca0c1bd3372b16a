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

export class FinpassMultiBureau implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Multi-Bureau',
		name: 'finpassMultiBureau',
		icon: { light: 'file:../shared/finpass.svg', dark: 'file:../shared/finpass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			"Pull a borrower's credit reports and scores from several Indian credit bureaus (Equifax, Experian, CIBIL, CRIF) in one call via Finpass",
		defaults: { name: 'Finpass Multi-Bureau' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: [
			resourceProperty('Credit Report', 'creditReport'),
			operationProperty(
				'creditReport',
				[
					{
						name: 'Fetch Report',
						value: 'fetchReport',
						action:
							'Fetch credit bureau reports for a consenting borrower by PAN (ABCDE1234F), full name, 10-digit mobile and gender',
						description:
							'Scores and account summaries from the chosen bureaus; the borrower must have consented to the bureau check',
					},
				],
				'fetchReport',
			),
			...Object.values(operations).flatMap((operation) => operation.description),
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
