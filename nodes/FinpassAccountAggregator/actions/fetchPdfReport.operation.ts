import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { asObject, defineOperation } from '../../shared/router';
import { requireText } from '../../shared/validators';
import { clientIdProperty, fetchWhenReady, waitProperties } from './fetchJsonReport.operation';

export const FETCH_PDF_PATH = '/api/v1/services/account-aggregator/fetch-statement-pdf';

const properties: INodeProperties[] = [
	clientIdProperty,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the PDF in',
	},
	...waitProperties,
];

interface PdfInput {
	body: IDataObject;
	binaryPropertyName: string;
	wait: boolean;
	maxWaitSeconds: number;
	pollIntervalSeconds: number;
}

/** "HDFC-FIP" + "XXXXXXXXXX1234" → "HDFC-FIP_1234.pdf" (only safe characters). */
export function reportFileName(fipId: unknown, accountNumber: unknown, index: number): string {
	const fip = String(fipId ?? 'account').replace(/[^A-Za-z0-9_-]+/g, '-');
	const last = String(accountNumber ?? '').replace(/[^0-9A-Za-z]/g, '').slice(-4) || String(index + 1);
	return `${fip}_${last}.pdf`;
}

export const fetchPdfReport = defineOperation<PdfInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['fetchPdfReport'] } }, properties),
		advancedProperty('fetchPdfReport', FETCH_PDF_PATH),
	],
	prepare(fn, i) {
		const wait = fn.getNodeParameter('waitUntilReady', i, false) as boolean;
		return {
			body: { client_id: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID') },
			binaryPropertyName: String(fn.getNodeParameter('binaryPropertyName', i, 'data')).trim() || 'data',
			wait,
			maxWaitSeconds: wait ? (fn.getNodeParameter('maxWaitSeconds', i, 300) as number) : 0,
			pollIntervalSeconds: wait ? (fn.getNodeParameter('pollIntervalSeconds', i, 2) as number) : 2,
		};
	},
	async run(ctx, i, input) {
		const result = await fetchWhenReady(ctx, i, FETCH_PDF_PATH, input.body, {
			enabled: input.wait,
			maxWaitSeconds: input.maxWaitSeconds,
			pollIntervalSeconds: input.pollIntervalSeconds,
		});
		const data = asObject(result.data);
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
		return items;
	},
});
