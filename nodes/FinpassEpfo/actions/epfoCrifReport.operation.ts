import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { requireId } from '../../shared/validators';

// Assumption (API README: the path is *unsure*): the public pages name the request
// {mobile_number} and the answer data.epfo{uan, name, …, employment_history[]} plus a CRIF object,
// but no path. Advanced → Custom Path and HTTP Method correct it without a release.
export const EPFO_CRIF_PATH = '/api/v1/services/epfo-crif/report';

const properties: INodeProperties[] = [
	{
		displayName: `Finpass has not published this endpoint's path: the node calls POST ${EPFO_CRIF_PATH}. If your Finpass contact names another, set it under Advanced.`,
		name: 'pathNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Mobile Number',
		name: 'mobileNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '9876543210',
		description:
			"Borrower's 10-digit Indian mobile number, starting with 6-9, as linked to their UAN. A leading +91 or 0 is removed.",
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Report', value: 'report', description: 'The EPFO and CRIF report as the API returns it' },
			{
				name: 'One Item per Employment Record',
				value: 'employment',
				description: "Each employer from the EPFO history, with the member's UAN, name and mobile number",
			},
		],
		default: 'report',
		description: 'How to split the answer into items',
	},
];

interface ReportInput {
	mobile: string;
	output: 'report' | 'employment';
}

/** Each employment_history row, carrying who it belongs to (uan, name, mobile). */
export function employmentItems(data: IDataObject, mobile: string): INodeExecutionData[] {
	const epfo = asObject(data.epfo);
	const history = epfo.employment_history ?? epfo.employment_details ?? epfo.employers;
	if (!Array.isArray(history)) return [];
	const member: IDataObject = {
		mobile_number: data.mobile_number ?? mobile,
		uan: epfo.uan ?? null,
		name: epfo.name ?? null,
	};
	return history.map((record, index) => ({ json: { ...member, employment_index: index, ...asObject(record) } }));
}

export const epfoCrifReport = defineOperation<ReportInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['epfoCrifReport'] } }, properties),
		advancedProperty('epfoCrifReport', EPFO_CRIF_PATH, true),
	],
	prepare: (fn, i) => ({
		mobile: requireId(fn.getNode(), 'mobile', fn.getNodeParameter('mobileNumber', i), i, 'Mobile Number'),
		output: fn.getNodeParameter('output', i, 'report') as ReportInput['output'],
	}),
	async run(ctx, i, { mobile, output }) {
		const result = await ctx.call(
			{ method: 'POST', path: EPFO_CRIF_PATH, body: { mobile_number: mobile }, idempotent: true },
			i,
		);
		const data = asObject(result.data);
		if (output === 'employment') return employmentItems(data, mobile);
		return jsonItems(data);
	},
});
