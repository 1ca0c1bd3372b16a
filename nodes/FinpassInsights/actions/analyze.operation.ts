import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import { toPaise } from '../../shared/finance';
import { defineLocalOperation } from '../../shared/framework/local';
import { isObject } from '../../shared/json';
import { computeInsights, declaredPeriodOf, parseAbbDays, readBorrowers, withExtensions, type DeclaredPeriod, type InsightRules } from '../insights';
import { summaryOf } from '../insights/summary';

type Output = 'accounts' | 'all' | 'summary';

const patternOption = (displayName: string, name: string, example: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: `e.g. ${example}`,
	description: `${description} Comma-separated words or phrases, matched as whole words in any case; a trailing * matches any ending. The built-in words stay (docs/insights.md lists them).`,
});

const properties: INodeProperties[] = [
	{
		displayName: 'Bank Data',
		name: 'dataSource',
		type: 'options',
		options: [
			{ name: 'Input Items', value: 'input', description: 'The items this node receives' },
			{
				name: 'From an Expression',
				value: 'expression',
				description: "Another node's items, named in an expression. Use it when an AI Agent calls this node as a tool: the agent's call carries no bank data.",
			},
		],
		default: 'input',
		description: 'Where the transactions come from',
	},
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		default: '[]',
		displayOptions: { show: { dataSource: ['expression'] } },
		placeholder: "e.g. {{ $('Get JSON Report').all() }}",
		description: "The items of a node that fetched bank data, e.g. {{ $('Get JSON Report').all() }}",
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per Account and One for All',
				value: 'accounts',
				description: 'Each account, then all accounts together: monthly figures, income, obligations and risk signals, with every transaction behind each figure',
			},
			{ name: 'All Accounts Only', value: 'all', description: 'Only the all-accounts item, with every transaction behind each figure' },
			{
				name: 'Summary',
				value: 'summary',
				description: 'One small item of key figures (ABB, income, obligations, bounces) whatever the number of transactions. Use it when an AI agent calls this node as a tool.',
			},
		],
		default: 'accounts',
		description: 'How to return the insights. Items of different borrowers (client_id or consentID) are analysed separately.',
	},
	{
		displayName: 'ABB Days',
		name: 'abbDays',
		type: 'string',
		default: '5,10,15,20,25,last',
		description: 'Days of the month whose end-of-day balance makes up the average bank balance (ABB); "last" is the month\'s last day',
	},
	{
		displayName: 'Statement Period',
		name: 'statementPeriod',
		type: 'collection',
		placeholder: 'Add date',
		default: {},
		description:
			'The period the statement covers, for every account, when the data does not say (FinPro data, one item per transaction) or says otherwise. Empty: the period the data declares, else first to last transaction. Days are India time.',
		options: [
			{ displayName: 'From', name: 'from', type: 'dateTime', default: '', description: 'First day of the statement period' },
			{ displayName: 'To', name: 'to', type: 'dateTime', default: '', description: 'Last day of the statement period' },
		],
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'collection',
		placeholder: 'Add rule',
		default: {},
		description: 'Extend the built-in recognition rules: narrations differ per bank',
		options: [
			{
				displayName: 'Amount Tolerance (%)',
				name: 'amountTolerancePercent',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 10,
				description: 'Amounts within this percentage of each other count as the same recurring amount',
			},
			patternOption('Extra Bounce Patterns', 'bounce', 'ECS RETURNED, CHQ RETD', 'Words that mark a bounced or returned cheque or mandate.'),
			patternOption('Extra Cash Patterns', 'cash', 'CSH DEP', 'Words that mark cash: a credit is a deposit, a debit a withdrawal.'),
			patternOption('Extra Obligation Patterns', 'obligation', 'HDFCBANKLOAN, SI-', 'Words that mark a loan instalment or mandate debit.'),
			patternOption('Extra Own-Transfer Patterns', 'ownTransfer', 'MY HDFC A/C', 'Words that mark a transfer between the borrower\'s own accounts.'),
			patternOption('Extra Penalty Patterns', 'penalty', 'RTN CHG', 'Words that mark a bank charge following a bounce.'),
			patternOption('Extra Salary Patterns', 'salary', 'ACME PAYROLL', 'Words that mark a salary credit.'),
			{
				displayName: 'Large Credit Threshold (₹)',
				name: 'largeCreditRupees',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 100000,
				description: 'A one-off credit (not salary, recurring or own transfer) of at least this much is flagged',
			},
			{
				displayName: 'Own Account Numbers',
				name: 'ownAccountNumbers',
				type: 'string',
				default: '',
				placeholder: 'e.g. 50100123456789, 1234',
				description: "The borrower's other account numbers (comma-separated): a narration naming one is an own-account transfer. The analysed accounts' own masked numbers are used already.",
			},
			{
				displayName: 'Penalty Window (Days)',
				name: 'penaltyWindowDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description: 'A charge up to this many days after a bounce belongs to it',
			},
			{
				displayName: 'Recurring Minimum Months',
				name: 'recurringMinMonths',
				type: 'number',
				typeOptions: { minValue: 2 },
				default: 3,
				description: 'A credit or debit recurs when it is seen in at least this many different months',
			},
		],
	},
];

interface RuleFields {
	amountTolerancePercent?: number;
	bounce?: string;
	cash?: string;
	obligation?: string;
	ownTransfer?: string;
	penalty?: string;
	salary?: string;
	largeCreditRupees?: number;
	ownAccountNumbers?: string;
	penaltyWindowDays?: number;
	recurringMinMonths?: number;
}

const words = (text: string | undefined): string[] | undefined =>
	text === undefined ? undefined : text.split(',').map((w) => w.trim()).filter(Boolean);

/** The node's parameters (read once, from the first item: one analysis covers all items). */
export function readRules(fn: IExecuteFunctions): InsightRules {
	const abbDays = parseAbbDays(String(fn.getNodeParameter('abbDays', 0, '5,10,15,20,25,last')));
	if (typeof abbDays === 'string') throw new NodeOperationError(fn.getNode(), `ABB Days: ${abbDays}`, { itemIndex: 0 });
	const fields = fn.getNodeParameter('rules', 0, {}) as RuleFields;
	const large = fields.largeCreditRupees === undefined ? undefined : toPaise(fields.largeCreditRupees);
	return withExtensions({
		salary: words(fields.salary),
		obligation: words(fields.obligation),
		bounce: words(fields.bounce),
		penalty: words(fields.penalty),
		cash: words(fields.cash),
		ownTransfer: words(fields.ownTransfer),
		ownAccountNumbers: words(fields.ownAccountNumbers),
		recurringMinMonths: fields.recurringMinMonths,
		amountTolerancePercent: fields.amountTolerancePercent,
		penaltyWindowDays: fields.penaltyWindowDays,
		largeCreditPaise: typeof large === 'number' ? large : undefined,
		abbDays,
	});
}

/** Statement Period From/To: both or neither; undefined when not set. */
function readPeriod(fn: IExecuteFunctions): DeclaredPeriod | undefined {
	const { from, to } = fn.getNodeParameter('statementPeriod', 0, {}) as { from?: string; to?: string };
	if (!from && !to) return undefined;
	const period = declaredPeriodOf({ from: from ?? '', to: to ?? '' });
	if (!from || !to || !period) {
		throw new NodeOperationError(fn.getNode(), 'Statement Period: give both From and To, From on or before To', { itemIndex: 0 });
	}
	return period;
}

/** The bank data: the input items' JSON, or what the Data expression gives (an AI Agent tool's case). */
function readData(fn: IExecuteFunctions): { data: IDataObject[]; fromExpression: boolean } {
	if (fn.getNodeParameter('dataSource', 0, 'input') !== 'expression') {
		return { data: fn.getInputData().map((item) => item.json), fromExpression: false };
	}
	let value: unknown = fn.getNodeParameter('data', 0, '[]');
	if (typeof value === 'string') {
		try {
			value = jsonParse(value);
		} catch {
			throw new NodeOperationError(fn.getNode(), "Data is not valid JSON: give an expression such as {{ $('Get JSON Report').all() }}", { itemIndex: 0 });
		}
	}
	// n8n items ({ json, pairedItem }) as $('Node').all() gives them, or their JSON.
	const list = (Array.isArray(value) ? value : [value]).filter(isObject).map((entry) => (isObject(entry.json) ? entry.json : entry));
	if (list.length === 0) throw new NodeOperationError(fn.getNode(), 'Data holds no items: point it at the items of a node that fetched bank data', { itemIndex: 0 });
	return { data: list, fromExpression: true };
}

/**
 * The one operation, declared like every operation (its file is the one place that names it);
 * a local one (shared/framework/local.ts): it sends nothing, so it has no endpoint and reads all
 * input items at once instead of one by one.
 */
export const analyze = defineLocalOperation({
	value: 'analyze',
	name: 'Analyze',
	description: 'Input: the output of Get JSON Report, FinPro FI Data or Get Statement Result (any output except Summary per Account)',
	action: "Analyze borrower's bank transactions for underwriting",
	properties,

	/** All input items together: grouped by borrower, one analysis each. */
	execute(fn: IExecuteFunctions): INodeExecutionData[][] {
		const output = fn.getNodeParameter('output', 0, 'accounts') as Output;
		const rules = readRules(fn);
		const continueOnFail = fn.continueOnFail();
		const { data, fromExpression } = readData(fn);
		const period = readPeriod(fn);
		const { borrowers, errors } = readBorrowers(data);
		if (period) for (const borrower of borrowers) for (const account of borrower.accounts) account.declared = period;
		const out: INodeExecutionData[] = [];
		for (const { item, message } of errors) {
			if (!continueOnFail) throw new NodeOperationError(fn.getNode(), message, { itemIndex: item });
			out.push({ json: { error: message }, pairedItem: { item: fromExpression ? 0 : item } });
		}
		for (const borrower of borrowers) {
			// From an expression, everything comes from the first input item's parameters.
			const pairedItem = fromExpression ? [{ item: 0 }] : borrower.items.map((item) => ({ item }));
			const results = computeInsights(borrower, rules);
			const chosen: IDataObject[] =
				output === 'summary'
					? [summaryOf(results) as IDataObject]
					: (output === 'all' ? results.slice(-1) : results).map((result) => result as unknown as IDataObject);
			for (const json of chosen) out.push({ json, pairedItem });
		}
		return [out];
	},
});
