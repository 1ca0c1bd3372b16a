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

export class FinpassCorporate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Corporate',
		name: 'finpassCorporate',
		icon: { light: 'file:../shared/finpass.svg', dark: 'file:../shared/finpass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Look up Indian companies and LLPs in the corporate registry (MCA) via Finpass: by CIN, LLPIN or PAN, or find them by name',
		defaults: { name: 'Finpass Corporate' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: [
			resourceProperty('Company', 'company'),
			operationProperty(
				'company',
				[
					{
						name: 'CIN Lookup',
						value: 'cinLookup',
						action:
							'Look up a company on the MCA registry by its 21-character CIN (e.g. U72900KA2015PTC082988): name, status, type, address, capital and PAN',
						description:
							'Name, status, type, incorporation date, registered address, capital, email and PAN of the company',
					},
					{
						name: 'LLPIN Lookup',
						value: 'llpinLookup',
						action:
							'Look up a limited liability partnership on the MCA registry by its LLPIN (3 letters, a hyphen, 4 digits, e.g. AAB-1234): name, status and registry details',
						description: 'Name, status, incorporation date and registry details of the LLP',
					},
					{
						name: 'PAN Lookup',
						value: 'panLookup',
						action:
							'Find the company or LLP that holds a PAN (10 characters, e.g. AAACA1234C): its name, type, status and CIN or LLPIN',
						description: 'Entity name, type, status and its CIN or LLPIN',
					},
					{
						name: 'Company Autocomplete',
						value: 'companyAutocomplete',
						action:
							'Search the MCA registry for companies and LLPs by registered name (a name or its start): each match with its CIN or LLPIN and status',
						description: 'One item per match with entity name, type, CIN or LLPIN, status and state',
					},
				],
				'cinLookup',
			),
			...Object.values(operations).flatMap((operation) => operation.description),
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
