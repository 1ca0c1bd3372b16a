import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationProperty, requestOptionsProperty, resourceProperty } from '../shared/descriptions';
import { runOperation } from '../shared/router';
import { finpro } from '../shared/transport';
import { operations } from './actions';

export class FinProFiData implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FinPro FI Data',
		name: 'finProFiData',
		icon: { light: 'file:../shared/finpro.svg', dark: 'file:../shared/finpro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			"Read a borrower's consented bank data from FinPro (Account Aggregator FIU platform): accounts, transactions and balances, with optional balance reconciliation",
		defaults: { name: 'FinPro FI Data' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finProApi', required: true }],
		properties: [
			resourceProperty('Financial Information', 'fiData'),
			operationProperty(
				'fiData',
				[
					{
						name: 'Get FI Data',
						value: 'getFiData',
						action:
							'Get the transactions and balance of one bank account by consent ID and link reference number (both UUIDs)',
						description: 'One account (consentID + linkReferenceNumber): profile, balance and every transaction',
					},
					{
						name: 'Get All FI Data',
						value: 'getAllFiData',
						action:
							'Get the transactions of every bank account under a consent ID (a UUID), optionally within a date range',
						description: 'All accounts of a consent (or one accountID), optionally between two dates',
					},
					{
						name: 'Get Latest Data',
						value: 'getLatestData',
						action: 'Get the newest incremental bank data of a periodic consent, by its consent ID (a UUID)',
						description: 'For PERIODIC consents: the data of the latest fetch for every account',
					},
					{
						name: 'Get Balance',
						value: 'getBalance',
						action: 'Get the current balance of the bank accounts under a consent ID (a UUID)',
						description: 'Balance only, for one account or every account of the consent',
					},
					{
						name: 'Get FI Data as XML',
						value: 'getFiDataXml',
						action:
							'Get one bank account as an XML document by consent ID and link reference number (both UUIDs)',
						description: 'The same data as Get FI Data, as XML text or an .xml file',
					},
				],
				'getFiData',
			),
			...Object.values(operations).flatMap((operation) => operation.description),
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpro, operations);
	}
}
