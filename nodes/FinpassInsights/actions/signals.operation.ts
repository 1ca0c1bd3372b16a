import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toPaise } from '../../shared/finance';
import { defineLocalOperation } from '../../shared/framework/local';
import { borrowersOneByOne, withExtensions } from '../insights';
import { computeSignals, DEFAULT_SIGNAL_RULES, type Signal, type SignalRules, type SignalsResult } from '../insights/signals';

type Output = 'borrower' | 'signal';
type Remember = 'confirmed' | 'now';

/**
 * Where "only new" keeps what it has seen: n8n's own database (the deduplication helpers), one
 * list per workflow, shared with Mark Signals Alerted; at most 100,000 signal ids (the oldest go).
 */
export const SIGNALS_SCOPE = 'workflow';
export const SIGNALS_MODE = { mode: 'entries', maxEntries: 100000 } as const;

const properties: INodeProperties[] = [
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2025-05-31',
		description: "The day the signals are computed for (YYYY-MM-DD). Empty: the end of the data's period.",
	},
	{
		displayName: 'Only New Signals',
		name: 'onlyNew',
		type: 'boolean',
		default: false,
		description:
			"Whether to return only signals not alerted before in this workflow (kept in n8n's database). A signal alerts once, and again only after it cleared and came back.",
	},
	{
		displayName: 'Remember Signals',
		name: 'remember',
		type: 'options',
		displayOptions: { show: { onlyNew: [true] } },
		options: [
			{
				name: 'When Mark Signals Alerted Confirms',
				value: 'confirmed',
				description: 'Put a Mark Signals Alerted node after your Slack or email nodes: a signal whose alert failed to send comes again next run',
			},
			{ name: 'At Once', value: 'now', description: 'Remember the signals now: an alert that fails to send is not repeated' },
		],
		default: 'confirmed',
		description: 'When a new signal counts as alerted',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per Borrower',
				value: 'borrower',
				description: 'The signals of each borrower in a list, with the day of the data and counts by severity',
			},
			{ name: 'One Item per Signal', value: 'signal', description: 'Each signal as its own item' },
		],
		default: 'borrower',
		description: 'How to return the signals. Items of different borrowers (client_id or consentID) are analysed separately.',
	},
	{
		displayName: 'Thresholds',
		name: 'thresholds',
		type: 'collection',
		placeholder: 'Add threshold',
		default: {},
		description: 'When a signal fires (docs/monitoring.md explains each). Expressions are read per borrower, e.g. from a loan book row.',
		options: [
			{
				displayName: 'Balance Stress (%)',
				name: 'balanceStressPercent',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 50,
				description: "The month's average end-of-day balance below this share of the months before it",
			},
			{
				displayName: 'Baseline Months',
				name: 'baselineMonths',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 12 },
				default: 3,
				description: 'Months before the current one that make the usual salary, balance, cash and instalments',
			},
			{
				displayName: 'Cash Minimum (₹)',
				name: 'cashMinimumRupees',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 25000,
				description: "Cash withdrawals below this in a month never fire",
			},
			{
				displayName: 'Cash Multiple',
				name: 'cashMultiple',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2,
				description: "Cash withdrawals in a month above this multiple of the borrower's usual",
			},
			{
				displayName: 'Event Window (Days)',
				name: 'eventWindowDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 31,
				description: 'Bounces, cheque returns, loan credits and balance drops at most this many days old',
			},
			{
				displayName: 'Grace Days',
				name: 'graceDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description: 'Days after the usual day before a salary or instalment not seen is missing',
			},
			{
				displayName: 'Pre-Bounce Days',
				name: 'preBounceDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: 'An instalment due within this many days, with a balance below it',
			},
			{
				displayName: 'Rapid Drop (%)',
				name: 'rapidDropPercent',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 90,
				description: 'A balance at least this much below one in the 24 hours before it (from at least ₹10,000)',
			},
			{
				displayName: 'Salary Drop (%)',
				name: 'salaryDropPercent',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 20,
				description: "A month's salary at least this much below its usual",
			},
		],
	},
];

interface ThresholdFields {
	balanceStressPercent?: number;
	baselineMonths?: number;
	cashMinimumRupees?: number;
	cashMultiple?: number;
	eventWindowDays?: number;
	graceDays?: number;
	preBounceDays?: number;
	rapidDropPercent?: number;
	salaryDropPercent?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function finite(fn: IExecuteFunctions, item: number, name: string, value: unknown, fallback: number): number {
	if (value === undefined || value === '' || value === null) return fallback;
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(n) || n < 0) throw new NodeOperationError(fn.getNode(), `Thresholds → ${name}: "${String(value)}" is not a number of 0 or more`, { itemIndex: item });
	return n;
}

function paiseOf(fn: IExecuteFunctions, item: number, name: string, value: unknown, fallback: number): number {
	if (value === undefined || value === '' || value === null) return fallback;
	const paise = toPaise(value);
	if (typeof paise !== 'number' || paise < 0) throw new NodeOperationError(fn.getNode(), `Thresholds → ${name}: "${String(value)}" is not an amount in rupees`, { itemIndex: item });
	return paise;
}

/** The thresholds for one borrower, read with its first input item (so loan-book expressions work). */
export function readSignalRules(fn: IExecuteFunctions, item: number): SignalRules {
	const t = fn.getNodeParameter('thresholds', item, {}) as ThresholdFields;
	const d = DEFAULT_SIGNAL_RULES;
	return {
		...d,
		balanceStressPercent: finite(fn, item, 'Balance Stress (%)', t.balanceStressPercent, d.balanceStressPercent),
		baselineMonths: Math.max(1, Math.floor(finite(fn, item, 'Baseline Months', t.baselineMonths, d.baselineMonths))),
		cashMinimumPaise: paiseOf(fn, item, 'Cash Minimum (₹)', t.cashMinimumRupees, d.cashMinimumPaise),
		cashMultiple: finite(fn, item, 'Cash Multiple', t.cashMultiple, d.cashMultiple),
		eventWindowDays: Math.max(1, Math.floor(finite(fn, item, 'Event Window (Days)', t.eventWindowDays, d.eventWindowDays))),
		graceDays: Math.floor(finite(fn, item, 'Grace Days', t.graceDays, d.graceDays)),
		preBounceDays: Math.max(1, Math.floor(finite(fn, item, 'Pre-Bounce Days', t.preBounceDays, d.preBounceDays))),
		rapidDropPercent: finite(fn, item, 'Rapid Drop (%)', t.rapidDropPercent, d.rapidDropPercent),
		salaryDropPercent: finite(fn, item, 'Salary Drop (%)', t.salaryDropPercent, d.salaryDropPercent),
	};
}

const signalJson = (result: SignalsResult, signal: Signal, isNew: boolean | undefined): IDataObject => ({
	...(signal as unknown as IDataObject),
	as_of: result.as_of,
	data_to: result.data_to,
	last_transaction: result.last_transaction,
	...(isNew === undefined ? {} : { new: isNew }),
});

/**
 * Early-warning signals over a borrower's monitoring data. Like Analyze it reads all input items
 * at once (grouped by borrower) and sends nothing; "only new" keeps its memory in n8n's database
 * through the node's deduplication helpers.
 */
export const signals = defineLocalOperation({
	value: 'getSignals',
	name: 'Get Early-Warning Signals',
	description: 'Input: the output of Get JSON Report (a refresh of a loan_monitoring consent), FinPro FI Data or Get Statement Result',
	action: 'Get early-warning signals for monitored loans',
	properties,

	async execute(fn: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output = fn.getNodeParameter('output', 0, 'borrower') as Output;
		const onlyNew = fn.getNodeParameter('onlyNew', 0, false) as boolean;
		const remember = (onlyNew ? fn.getNodeParameter('remember', 0, 'confirmed') : 'confirmed') as Remember;
		const continueOnFail = fn.continueOnFail();
		const items = fn.getInputData();
		const unusable: Array<{ item: number; message: string }> = [];
		const failed: INodeExecutionData[] = [];
		const results: Array<{ result: SignalsResult; pairedItem: Array<{ item: number }> }> = [];
		// one rules object for the run: its word matchers are then made once, not per borrower
		const rules = withExtensions({});
		// one borrower's rows at a time (read, computed, let go): memory does not grow with the batch
		for (const { borrower, errors } of borrowersOneByOne(items.map((item) => item.json))) {
			for (const { item, message } of errors) {
				if (!continueOnFail) throw new NodeOperationError(fn.getNode(), message, { itemIndex: item });
				unusable.push({ item, message });
			}
			if (!borrower) continue;
			const first = borrower.items[0] ?? 0;
			const pairedItem = borrower.items.map((item) => ({ item }));
			try {
				const asOf = String(fn.getNodeParameter('asOf', first, '') ?? '').trim();
				if (asOf !== '' && !DATE.test(asOf)) throw new NodeOperationError(fn.getNode(), `As Of: "${asOf}" is not a date (YYYY-MM-DD)`, { itemIndex: first });
				const result = computeSignals(borrower, rules, readSignalRules(fn, first), { asOf: asOf || undefined });
				results.push({ result, pairedItem });
			} catch (error) {
				const wrapped = error instanceof NodeOperationError ? error : new NodeOperationError(fn.getNode(), error as Error, { itemIndex: first });
				if (!continueOnFail) throw wrapped;
				failed.push({ json: { error: wrapped.message, borrower: borrower.borrower || null }, pairedItem });
			}
		}
		// unusable items first (in input order), then borrowers that failed, then the signals
		unusable.sort((a, b) => a.item - b.item);
		const out: INodeExecutionData[] = [...unusable.map(({ item, message }) => ({ json: { error: message }, pairedItem: { item } })), ...failed];

		// Only new: which fired signals were alerted before; cleared ones are forgotten so they can come back.
		let isNew: ((id: string) => boolean) | undefined;
		if (onlyNew) {
			const fired = [...new Set(results.flatMap(({ result }) => result.signals.map((s) => s.id)))];
			const cleared = [...new Set(results.flatMap(({ result }) => result.clear))];
			const seen = fired.length ? await fn.helpers.checkProcessedAndRecord(fired, SIGNALS_SCOPE, SIGNALS_MODE) : { new: [], processed: [] };
			const fresh = new Set(seen.new.map(String));
			// checkProcessedAndRecord records as it checks: until a Mark Signals Alerted node confirms, take the new ones back out.
			if (remember === 'confirmed' && seen.new.length) await fn.helpers.removeProcessed(seen.new, SIGNALS_SCOPE, SIGNALS_MODE);
			if (cleared.length) await fn.helpers.removeProcessed(cleared, SIGNALS_SCOPE, SIGNALS_MODE);
			isNew = (id) => fresh.has(id);
		}

		for (const { result, pairedItem } of results) {
			if (output === 'signal') {
				for (const signal of result.signals) {
					const fresh = isNew?.(signal.id);
					if (fresh === false) continue;
					out.push({ json: signalJson(result, signal, fresh), pairedItem });
				}
				continue;
			}
			const listed = isNew ? result.signals.filter((s) => isNew!(s.id)) : result.signals;
			const json: IDataObject = {
				borrower: result.borrower,
				as_of: result.as_of,
				data_from: result.data_from,
				data_to: result.data_to,
				last_transaction: result.last_transaction,
				signals_count: result.signals.length,
				counts: result.counts,
				signals: result.signals.map((s) => ({ ...(s as unknown as IDataObject), ...(isNew ? { new: isNew(s.id) } : {}) })),
			};
			if (isNew) {
				json.new_signals_count = listed.length;
				json.new_signals = listed.map((s) => ({ ...(s as unknown as IDataObject), as_of: result.as_of, data_to: result.data_to }));
			}
			out.push({ json, pairedItem });
		}
		return [out];
	},
});
