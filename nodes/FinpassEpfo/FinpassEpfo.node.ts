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

export class FinpassEpfo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass EPFO',
		name: 'finpassEpfo',
		icon: { light: 'file:../shared/finpass.svg', dark: 'file:../shared/finpass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			"Get a borrower's provident fund (EPFO) employment history together with a CRIF credit report, by mobile number, via Finpass",
		defaults: { name: 'Finpass EPFO' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: [
			resourceProperty('Employment', 'employment'),
			operationProperty(
				'employment',
				[
					{
						name: 'Get EPFO-CRIF Report',
						value: 'epfoCrifReport',
						action:
							"Get a borrower's EPFO employment history and CRIF credit report by 10-digit Indian mobile number (e.g. 9876543210)",
						description: 'UAN, name and employers from EPFO, plus the CRIF bureau report, in one answer',
					},
				],
				'epfoCrifReport',
			),
			...Object.values(operations).flatMap((operation) => operation.description),
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
