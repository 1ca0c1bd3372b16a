import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { choiceProperty } from '../../shared/framework/descriptions';
import {
	borrowerConsentProperty,
	mobileNumberProperty,
	panProperty,
	requireBorrowerConsent,
	simplifyProperty,
} from '../../shared/finpass/parameters';
import { jsonItems, outputProperty } from '../../shared/framework/items';
import { asObject, isObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { requireId, requireText } from '../../shared/validation/validators';

export const BUREAUS = ['equifax', 'experian', 'cibil', 'crif'] as const;

/** Shown in this order (alphabetical by name). */
const BUREAU_NAMES: Record<(typeof BUREAUS)[number], string> = { cibil: 'CIBIL', crif: 'CRIF High Mark', equifax: 'Equifax', experian: 'Experian' };

const properties: INodeProperties[] = [
	panProperty(
		"Borrower's PAN: 10 characters, 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F). Spaces are trimmed and letters upper-cased.",
		{ required: true },
	),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Asha Verma',
		description: "Borrower's full name as on the PAN card",
	},
	mobileNumberProperty("Borrower's 10-digit Indian mobile number, starting with 6-9. A leading +91 or 0 is removed."),
	// No default: a guessed gender would make the bureaus match the wrong person, on a paid pull.
	choiceProperty('Gender', 'gender', [{ name: 'Female', value: 'female' }, { name: 'Male', value: 'male' }], '', {
		required: true,
		description: "Borrower's gender as the API accepts it (female or male); the bureaus match on it",
	}),
	borrowerConsentProperty(
		'Whether the borrower has consented to this credit bureau check. The node sends nothing unless this is on; the request then carries consent "Y".',
	),
	{
		displayName: 'Bureaus',
		name: 'bureaus',
		type: 'multiOptions',
		options: Object.entries(BUREAU_NAMES).map(([value, name]) => ({ name, value })),
		// No default: every bureau asked is a separate paid pull, so the user picks them.
		default: [],
		required: true,
		description: 'The bureaus to ask. Each bureau asked is billed as a separate pull: choose only the ones you need.',
	},
	outputProperty(
		[
			{ name: 'One Item per Report', value: 'report', description: 'The whole report as the API returns it' },
			{
				name: 'One Item per Bureau',
				value: 'bureau',
				description: "Each bureau's score and account summary as flat fields, with the borrower's PAN",
			},
		],
		'report',
	),
	simplifyProperty(),
];

interface FetchInput {
	body: IDataObject;
	output: 'report' | 'bureau';
	simplify: boolean;
}

/** {a: {b: 1}} → {a_b: 1}; arrays and scalars are kept as they are. */
function flatten(value: IDataObject, prefix = ''): IDataObject {
	const out: IDataObject = {};
	for (const [key, inner] of Object.entries(value)) {
		const name = prefix ? `${prefix}_${key}` : key;
		if (isObject(inner)) Object.assign(out, flatten(inner, name));
		else out[name] = inner;
	}
	return out;
}

const SUMMARY_KEYS = ['accounts_summary', 'account_summary', 'summary'];
const COLLECTION_KEYS = ['bureaus', 'bureau_reports', 'reports'];

/** One bureau's entry as flat fields: score (a number or {value, …}) and the account summary lifted up. */
function bureauFields(bureau: string, entry: IDataObject): IDataObject {
	const json: IDataObject = { bureau };
	for (const [key, value] of Object.entries(entry)) {
		if (SUMMARY_KEYS.includes(key) && isObject(value)) continue;
		if (key === 'score' && isObject(value)) {
			const { value: scoreValue, score, ...rest } = value;
			json.score = scoreValue ?? score ?? null;
			Object.assign(json, flatten(rest, 'score'));
			continue;
		}
		if (key === 'bureau' || key === 'bureau_name') continue;
		json[key] = value;
	}
	const summaryKey = SUMMARY_KEYS.find((key) => isObject(entry[key]));
	if (summaryKey) {
		for (const [key, value] of Object.entries(flatten(entry[summaryKey] as IDataObject))) {
			json[key in json ? `${summaryKey}_${key}` : key] = value;
		}
	}
	if (!('score' in json)) json.score = null;
	return json;
}

/**
 * The public pages do not show the report's shape. Accepted: `bureaus` (or `bureau_reports`,
 * `reports`) keyed by bureau name `{equifax: {...}}` or as an array `[{bureau: 'equifax', ...}]`,
 * or bureau names straight under `data`. The report's top-level plain fields (PAN, request id, …)
 * are carried into every item.
 */
export function bureauItems(data: IDataObject, pan: string): INodeExecutionData[] {
	const collectionKey = COLLECTION_KEYS.find((key) => isObject(data[key]) || Array.isArray(data[key]));
	const context: IDataObject = { pan };
	for (const [key, value] of Object.entries(data)) {
		if (key === collectionKey || isObject(value) || Array.isArray(value)) continue;
		context[key] = value;
	}
	let entries: Array<[string, IDataObject]>;
	if (collectionKey && Array.isArray(data[collectionKey])) {
		entries = (data[collectionKey] as unknown[]).filter(isObject).map((entry, index) => {
			const named = entry.bureau ?? entry.bureau_name ?? entry.name;
			return [typeof named === 'string' && named ? named.toLowerCase() : `bureau_${index + 1}`, entry];
		});
	} else {
		const source = collectionKey ? (data[collectionKey] as IDataObject) : data;
		entries = Object.entries(source)
			.filter(([key, value]) => isObject(value) && (collectionKey !== undefined || BUREAUS.some((b) => b === key.toLowerCase())))
			.map(([key, value]) => [key.toLowerCase(), value as IDataObject]);
	}
	return entries.map(([bureau, entry]) => ({ json: { ...context, ...bureauFields(bureau, entry) } }));
}

/** Simplify: what a credit decision reads from one bureau (ten fields, the same under both outputs). */
export function simpleBureau(flat: IDataObject): IDataObject {
	const pick = (key: string): IDataObject[string] => flat[key] ?? null;
	return {
		pan: pick('pan'),
		bureau: pick('bureau'),
		status: pick('status'),
		score: pick('score'),
		active_accounts: pick('active_accounts'),
		overdue_accounts: pick('overdue_accounts'),
		total_current_balance: pick('total_current_balance'),
		total_overdue_amount: pick('total_overdue_amount'),
		enquiries_last_6_months: pick('enquiries_last_6_months'),
		error_message: pick('error_message'),
	};
}

/** Simplify for One Item per Report: who, when, the lowest score, and each bureau simplified. */
export function simpleReport(data: IDataObject, pan: string): IDataObject {
	const bureaus = bureauItems(data, pan).map((item) => {
		const simple = simpleBureau(item.json);
		delete simple.pan;
		return simple;
	});
	const scores = bureaus
		.map((b) => (typeof b.score === 'string' && /^\d+$/.test(b.score) ? Number(b.score) : b.score))
		.filter((score): score is number => typeof score === 'number' && Number.isFinite(score));
	return {
		pan: data.pan ?? pan,
		name: data.name ?? null,
		request_id: data.request_id ?? null,
		report_date: data.report_date ?? null,
		lowest_score: scores.length > 0 ? Math.min(...scores) : null,
		bureaus,
	};
}

export const fetchReport = defineOperation({
	value: 'fetchReport',
	name: 'Get Credit Report',
	action: 'Get credit bureau reports for consenting borrower',
	description:
		'Scores and account summaries from the chosen bureaus; the borrower must have consented to the bureau check',
	endpoint: FINPASS.multiBureauFetch,
	properties,
	prepare(fn, i): FetchInput {
		const node = fn.getNode();
		const pan = requireId(node, 'pan', fn.getNodeParameter('pan', i), i, 'PAN');
		const name = requireText(node, fn.getNodeParameter('name', i), i, 'Name');
		const mobile = requireId(node, 'mobile', fn.getNodeParameter('mobileNumber', i), i, 'Mobile Number');
		const gender = fn.getNodeParameter('gender', i, '') as string;
		if (gender !== 'male' && gender !== 'female') {
			const message = gender ? `Gender "${String(gender)}" is not valid: expected female or male` : 'Gender is empty: choose Female or Male';
			throw new NodeOperationError(node, message, {
				itemIndex: i,
				description: 'Nothing was sent to the API for this item.',
			});
		}
		requireBorrowerConsent(fn, i, 'a bureau report');
		const chosen = fn.getNodeParameter('bureaus', i, []) as unknown;
		const bureaus = (Array.isArray(chosen) ? chosen : [chosen]).map((b) => String(b).trim().toLowerCase());
		const unknown = bureaus.filter((b) => !BUREAUS.some((known) => known === b));
		if (bureaus.length === 0 || unknown.length > 0) {
			throw new NodeOperationError(
				node,
				bureaus.length === 0
					? 'Bureaus is empty: choose at least one bureau'
					: `Bureaus: "${unknown.join('", "')}" is not one of ${BUREAUS.join(', ')}`,
				{ itemIndex: i, description: 'Nothing was sent to the API for this item.' },
			);
		}
		return {
			body: { pan, name, mobile_number: mobile, consent: 'Y', gender, bureaus: [...new Set(bureaus)] },
			output: fn.getNodeParameter('output', i, 'report') as FetchInput['output'],
			// absent (a workflow or caller that predates it): the raw data, as before
			simplify: fn.getNodeParameter('simplify', i, false) === true,
		};
	},
	async run(ctx, i, input) {
		const result = await ctx.call(FINPASS.multiBureauFetch, { body: input.body }, i);
		const data = asObject(result.data);
		const pan = input.body.pan as string;
		if (input.output === 'bureau') {
			const items = bureauItems(data, pan);
			return input.simplify ? items.map((item) => ({ json: simpleBureau(item.json) })) : items;
		}
		return input.simplify ? [{ json: simpleReport(data, pan) }] : jsonItems(data);
	},
});
