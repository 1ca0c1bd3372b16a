import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { readWait, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { aaClientIdProperty, aaRequestIdProperty, reportBody } from './parameters';
import { fetchWhenReady, withReadiness } from './reportWait';

interface PdfInput {
	body: IDataObject;
	binaryPropertyName: string;
	wait: WaitSettings;
}

/** "HDFC-FIP" + "XXXXXXXXXX1234" → "HDFC-FIP_1234.pdf" (only safe characters). */
export function reportFileName(fipId: unknown, accountNumber: unknown, index: number): string {
	const fip = String(fipId ?? 'account').replace(/[^A-Za-z0-9_-]+/g, '-');
	const last = String(accountNumber ?? '').replace(/[^0-9A-Za-z]/g, '').slice(-4) || String(index + 1);
	return `${fip}_${last}.pdf`;
}

export const fetchPdfReport = defineOperation({
	value: 'fetchPdfReport',
	name: 'Get PDF Report',
	action: 'Get bank statement PDFs under consent',
	description: 'One PDF per account, as binary data',
	endpoint: FINPASS.aaFetchPdfReport,
	properties: [
		aaClientIdProperty,
		aaRequestIdProperty,
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the PDF in',
		},
		...waitProperties,
	],
	prepare: (fn, i): PdfInput => ({
		body: reportBody(fn, i),
		binaryPropertyName: String(fn.getNodeParameter('binaryPropertyName', i, 'data')).trim() || 'data',
		wait: readWait(fn, i),
	}),
	async run(ctx, i, input) {
		const read = await fetchWhenReady(ctx, i, FINPASS.aaFetchPdfReport, input.body, input.wait, 'Get PDF Report');
		if ('timedOut' in read) return jsonItems(read.timedOut);
		const data = asObject(read.result.data);
		const reports = Array.isArray(data.reports) ? (data.reports as IDataObject[]) : [];
		// The links are pre-signed and expire ~600 s after issue: download every READY one now.
		// The link itself is not put in the output (it is a bearer URL and soon useless).
		const items: INodeExecutionData[] = [];
		for (const [index, report] of reports.entries()) {
			const json: IDataObject = {
				client_id: data.client_id ?? input.body.client_id,
				fip_id: report.fip_id,
				account_number: report.account_number,
				status: report.status,
			};
			const link = report.statement_report_link;
			if (String(report.status).toUpperCase() !== 'READY' || typeof link !== 'string' || link === '') {
				items.push({ json: { ...json, file_name: null } });
				continue;
			}
			const fileName = reportFileName(report.fip_id, report.account_number, index);
			const bytes = await ctx.transport.download(link, i);
			const binary = await ctx.fn.helpers.prepareBinaryData(bytes, fileName, 'application/pdf');
			items.push({ json: { ...json, file_name: fileName, file_size: bytes.length }, binary: { [input.binaryPropertyName]: binary } });
		}
		return withReadiness(items, read.notReady);
	},
});
