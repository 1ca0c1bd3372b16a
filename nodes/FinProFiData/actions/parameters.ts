import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../../shared/framework/descriptions';
import { outputProperty } from '../../shared/framework/items';

export const consentIdProperty: INodeProperties = {
	displayName: 'Consent ID',
	name: 'consentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3c92001e-57ea-4320-bbb8-66d524bfb435',
	description: 'The consentID (a UUID) of an approved consent, e.g. from the CONSENT_APPROVED event',
};

export const linkReferenceProperty: INodeProperties = {
	displayName: 'Link Reference Number',
	name: 'linkReferenceNumber',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7f8227f1-697f-40d3-a4af-0508f5d0a1dd',
	description: "The account's linkReferenceNumber (a UUID), from the DATA_READY event or Get All FI Data",
};

export type FiOutput = 'account' | 'transaction';

export interface FiOptions {
	output: FiOutput;
	reconcile: boolean;
	paiseFields: boolean;
	/** Transactions per account; 0 means all. */
	limit: number;
	paginate: boolean;
	pageSize: number;
}

/** Output, Reconcile Balances, Return All / Limit and paging options of the JSON data operations. */
export const fiOutputProperties: INodeProperties[] = [
	outputProperty(
		[
			{
				name: 'One Item per Account',
				value: 'account',
				description: 'Account details (masked number, FIP, balance) with its transactions in fiData',
			},
			{
				name: 'One Item per Transaction',
				value: 'transaction',
				description: "Each transaction, with the account's masked number, FIP and link reference number",
			},
		],
		'account',
	),
	{
		displayName: 'Reconcile Balances',
		name: 'reconcileBalances',
		type: 'boolean',
		default: false,
		description:
			'Whether to check, per account, that each balance equals the previous balance plus or minus the amount, oldest first. Accounts get a reconciliation summary; transactions where the chain breaks get a balance_check field.',
	},
	...returnAllProperties({
		returnAll: true,
		returnAllHint: 'Counted in transactions per account',
		limitHint: 'Transactions per account, in the order FinPro lists them (usually newest first)',
	}),
	{
		displayName: 'Options',
		name: 'fetchOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Add Paise Fields',
				name: 'paiseFields',
				type: 'boolean',
				default: false,
				description:
					'Whether to add amount_paise and balance_paise: whole numbers of paise, exact for arithmetic in later nodes. The original amounts stay as they are.',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				default: 500,
				description: 'Transactions asked for per request (the limit query parameter)',
			},
			{
				displayName: 'Use Pagination',
				name: 'paginate',
				type: 'boolean',
				default: true,
				description:
					'Whether to fetch transactions in pages with the limit and offset query parameters. Turn off if your FinPro tenant answers them wrongly: the whole answer is then taken from one request.',
			},
		],
	},
];

export function readFiOptions(fn: IExecuteFunctions, i: number): FiOptions {
	const options = fn.getNodeParameter('fetchOptions', i, {}) as {
		paiseFields?: boolean;
		pageSize?: number;
		paginate?: boolean;
	};
	const returnAll = fn.getNodeParameter('returnAll', i, true) as boolean;
	return {
		output: fn.getNodeParameter('output', i, 'account') as FiOutput,
		reconcile: fn.getNodeParameter('reconcileBalances', i, false) as boolean,
		paiseFields: options.paiseFields === true,
		limit: returnAll ? 0 : Math.max(1, Math.floor(fn.getNodeParameter('limit', i, 50) as number)),
		paginate: options.paginate !== false,
		pageSize: Math.max(1, Math.floor(options.pageSize ?? 500)),
	};
}
