import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../../shared/framework/descriptions';
import { outputProperty } from '../../shared/framework/items';
import { LIMIT_RANGE, optionNumber, requireNumber } from '../../shared/validation/numbers';
import { optionalId, requireId } from '../../shared/validation/validators';

export const consentIdProperty: INodeProperties = {
	displayName: 'Consent ID',
	name: 'consentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 3c92001e-57ea-4320-bbb8-66d524bfb435',
	description: 'The consentID (a UUID) of an approved consent, e.g. from the CONSENT_APPROVED event',
};

export const linkReferenceProperty: INodeProperties = {
	displayName: 'Link Reference Number',
	name: 'linkReferenceNumber',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 7f8227f1-697f-40d3-a4af-0508f5d0a1dd',
	description: "The account's linkReferenceNumber (a UUID), from the DATA_READY event or Get All FI Data",
};

/** The checked Consent ID of an item (a UUID, lower-cased). */
export function readConsentId(fn: IExecuteFunctions, i: number): string {
	return requireId(fn.getNode(), 'uuid', fn.getNodeParameter('consentId', i), i, 'Consent ID');
}

/** One account: the item's checked Consent ID and Link Reference Number (both UUIDs, lower-cased). */
export function readAccountRef(fn: IExecuteFunctions, i: number): { consentID: string; linkReferenceNumber: string } {
	return {
		consentID: readConsentId(fn, i),
		linkReferenceNumber: requireId(fn.getNode(), 'uuid', fn.getNodeParameter('linkReferenceNumber', i), i, 'Link Reference Number'),
	};
}

/** The item's Link Reference Number where it may be left empty (then undefined). */
export function readOptionalLinkReference(fn: IExecuteFunctions, i: number): string | undefined {
	return optionalId(fn.getNode(), 'uuid', fn.getNodeParameter('linkReferenceNumber', i, ''), i, 'Link Reference Number');
}

export type FiOutput = 'account' | 'transaction';

export interface FiOptions {
	output: FiOutput;
	reconcile: boolean;
	paiseFields: boolean;
	/** Transactions per account; 0 means all. */
	limit: number;
	paging: 'none' | 'platform' | 'numeric';
	/** Numeric paging only: the limit sent. */
	pageSize: number;
	maxPages: number;
	maxTransactions: number;
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
				displayName: 'Max Pages',
				name: 'maxPages',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description: 'With paging: stop with an error after this many pages, so a server that keeps answering full pages cannot run forever',
			},
			{
				displayName: 'Max Transactions',
				name: 'maxTransactions',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000000,
				description: 'With paging: stop with an error once this many transactions have arrived, before they exhaust memory',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				default: 500,
				description: 'Numeric paging only: transactions asked for per request (sent as the limit number)',
			},
			{
				displayName: 'Paging',
				name: 'paging',
				type: 'options',
				options: [
					{ name: 'None', value: 'none', description: 'All transactions in one answer (FinPro\'s default)' },
					{
						name: 'Platform Pages',
						value: 'platform',
						description:
							'Pages of the size FinPro sets, asked for one after the other until a shorter page arrives',
					},
					{
						name: 'Numeric Limit and Offset',
						value: 'numeric',
						description: 'Pages of Page Size transactions. Only if your FinPro tenant has told you it supports a numeric limit and offset.',
					},
				],
				default: 'none',
				description: 'How to ask FinPro for large transaction lists',
			},
		],
	},
];

export function readFiOptions(fn: IExecuteFunctions, i: number): FiOptions {
	const options = fn.getNodeParameter('fetchOptions', i, {}) as {
		paiseFields?: boolean;
		pageSize?: number;
		paging?: FiOptions['paging'];
		maxPages?: number;
		maxTransactions?: number;
	};
	const returnAll = fn.getNodeParameter('returnAll', i, true) as boolean;
	const node = fn.getNode();
	// Every number finite and in range before anything is sent (shared/validation/numbers.ts).
	const option = (key: string, fallback: number, max: number, label: string) =>
		Math.floor(optionNumber(node, options ?? {}, key, fallback, { min: 1, max }, i, `Options → ${label}`));
	return {
		output: fn.getNodeParameter('output', i, 'account') as FiOutput,
		reconcile: fn.getNodeParameter('reconcileBalances', i, false) as boolean,
		paiseFields: options.paiseFields === true,
		limit: returnAll ? 0 : Math.floor(requireNumber(node, fn.getNodeParameter('limit', i, 50), LIMIT_RANGE, i, 'Limit')),
		paging: options.paging ?? 'none',
		pageSize: option('pageSize', 500, 10_000, 'Page Size'),
		maxPages: option('maxPages', 1000, 1_000_000, 'Max Pages'),
		maxTransactions: option('maxTransactions', 1_000_000, 100_000_000, 'Max Transactions'),
	};
}
