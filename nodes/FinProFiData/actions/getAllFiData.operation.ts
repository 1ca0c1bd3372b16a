import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FINPRO } from '../../shared/finpro/endpoints';
import { choiceProperty } from '../../shared/framework/descriptions';
import { defineOperation } from '../../shared/framework/operation';
import { requireText } from '../../shared/validation/validators';
import { fiItems } from './fiData';
import { fetchAccounts } from './fiPages';
import { consentIdProperty, fiOutputProperties, readConsentId, readFiOptions, type FiOptions } from './parameters';

const LOOK_UP_BY = [
	{ name: 'Consent ID', value: 'consent', description: 'Every account shared under one consent' },
	{ name: 'Account ID', value: 'account', description: "One account, by FinPro's accountID" },
];

const properties: INodeProperties[] = [
	choiceProperty('Look Up By', 'lookUpBy', LOOK_UP_BY, 'consent', {
		description: 'FinPro takes either a consentID or an accountID, never both',
	}),
	{ ...consentIdProperty, displayOptions: { show: { lookUpBy: ['consent'] } } },
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { lookUpBy: ['account'] } },
		description: "FinPro's accountID of the account",
	},
	{
		displayName: 'Transactions From',
		name: 'transactionsStartDate',
		type: 'dateTime',
		default: '',
		description: 'Only transactions on or after this time (sent as transactionsStartDate, ISO 8601 UTC). Empty: no lower bound.',
	},
	{
		displayName: 'Transactions To',
		name: 'transactionsEndDate',
		type: 'dateTime',
		default: '',
		description:
			'Only transactions on or before this time (sent as transactionsEndDate, ISO 8601 UTC; a date alone means the end of that day). Empty: no upper bound.',
	},
	...fiOutputProperties,
];

interface GetAllInput {
	body: IDataObject;
	context: IDataObject;
	options: FiOptions;
}

/** A date or date-time parameter → ISO 8601 UTC; a bare date ends at 23:59:59.999 when it is the upper bound. */
export function isoBound(node: INode, raw: unknown, itemIndex: number, field: string, end: boolean): string | undefined {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	const text = String(raw).trim();
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
	const ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
	if (Number.isNaN(ms)) {
		throw new NodeOperationError(node, `${field} "${text}" is not a date: expected e.g. 2025-01-31 or 2025-01-31T00:00:00Z`, {
			itemIndex,
			description: 'Nothing was sent to the API for this item.',
		});
	}
	return new Date(dateOnly && end ? ms + 86_399_999 : ms).toISOString();
}

export const getAllFiData = defineOperation({
	value: 'getAllFiData',
	name: 'Get All FI Data',
	action: 'Get transactions of all bank accounts under consent',
	description: 'All accounts of a consent (or one accountID), optionally between two dates',
	endpoint: FINPRO.getAllFiData,
	properties,
	prepare(fn, i): GetAllInput {
		const node = fn.getNode();
		const byAccount = fn.getNodeParameter('lookUpBy', i, 'consent') === 'account';
		const context: IDataObject = byAccount
			? { accountID: requireText(node, fn.getNodeParameter('accountId', i), i, 'Account ID') }
			: { consentID: readConsentId(fn, i) };
		const body: IDataObject = { ...context };
		const start = isoBound(node, fn.getNodeParameter('transactionsStartDate', i, ''), i, 'Transactions From', false);
		const end = isoBound(node, fn.getNodeParameter('transactionsEndDate', i, ''), i, 'Transactions To', true);
		if (start && end && start > end) {
			throw new NodeOperationError(node, `Transactions From (${start}) is after Transactions To (${end})`, {
				itemIndex: i,
				description: 'Nothing was sent to the API for this item.',
			});
		}
		if (start) body.transactionsStartDate = start;
		if (end) body.transactionsEndDate = end;
		return { body, context, options: readFiOptions(fn, i) };
	},
	async run(ctx, i, { body, context, options }) {
		const accounts = await fetchAccounts(ctx, i, FINPRO.getAllFiData, body, options);
		return fiItems(accounts, context, options);
	},
});
