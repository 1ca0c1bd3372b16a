import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { borrowerConsentProperty, mobileNumberProperty, requireBorrowerConsent } from '../../shared/finpass/parameters';
import { outputProperty, splitItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { requireId } from '../../shared/validation/validators';

interface ReportInput {
	mobile: string;
	output: 'report' | 'employment';
}

/** Each employment_history row, carrying who it belongs to (uan, name, mobile). */
export function employmentItems(data: IDataObject, mobile: string): INodeExecutionData[] {
	const epfo = asObject(data.epfo);
	return splitItems('row', {
		groups: [epfo],
		group: () => epfo,
		rows: () => {
			const history = epfo.employment_history ?? epfo.employment_details ?? epfo.employers;
			if (!Array.isArray(history)) return undefined;
			const member: IDataObject = { mobile_number: data.mobile_number ?? mobile, uan: epfo.uan ?? null, name: epfo.name ?? null };
			return { rows: history, row: (record, index) => ({ ...member, employment_index: index, ...record }) };
		},
	});
}

// The request {mobile_number} and the answer data.epfo{uan, name, …, employment_history[]} plus a
// CRIF object are published; the path is not (docs/api-contract.md, "Assumptions"): Request
// Options → Custom Path corrects it without a release. The answer carries a CRIF bureau report,
// billed and seen by the bureau as an inquiry, so the same Borrower Consented gate as Multi-Bureau.
export const epfoCrifReport = defineOperation({
	value: 'epfoCrifReport',
	name: 'Get EPFO-CRIF Report',
	action: 'Get EPFO employment history and CRIF report',
	description: 'UAN, name and employers from EPFO, plus the CRIF bureau report, in one answer',
	endpoint: FINPASS.epfoCrifReport,
	properties: [
		mobileNumberProperty(
			"Borrower's 10-digit Indian mobile number, starting with 6-9, as linked to their UAN. A leading +91 or 0 is removed.",
		),
		borrowerConsentProperty(
			'Whether the borrower has consented to this check of their EPFO employment history and CRIF credit report. The node sends nothing unless this is on.',
		),
		outputProperty(
			[
				{ name: 'One Item per Report', value: 'report', description: 'The EPFO and CRIF report as the API returns it' },
				{
					name: 'One Item per Employment Record',
					value: 'employment',
					description: "Each employer from the EPFO history, with the member's UAN, name and mobile number",
				},
			],
			'report',
		),
	],
	prepare(fn, i): ReportInput {
		const mobile = requireId(fn.getNode(), 'mobile', fn.getNodeParameter('mobileNumber', i), i, 'Mobile Number');
		requireBorrowerConsent(fn, i, 'an EPFO-CRIF report');
		return { mobile, output: fn.getNodeParameter('output', i, 'report') as ReportInput['output'] };
	},
	async run(ctx, i, { mobile, output }) {
		const result = await ctx.call(FINPASS.epfoCrifReport, { body: { mobile_number: mobile } }, i);
		const data = asObject(result.data);
		if (output === 'employment') return employmentItems(data, mobile);
		return [{ json: data }];
	},
});
