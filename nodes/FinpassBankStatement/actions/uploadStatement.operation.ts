import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse, updateDisplayOptions } from 'n8n-workflow';

import { redactError, redactValue } from '../../shared/redact';
import { advancedProperty } from '../../shared/descriptions';
import { jobWaitProperties, readJobWait, waitForJob, type JobWait } from '../../shared/jobStates';
import { encodeMultipart, type MultipartPart } from '../../shared/multipart';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { UPLOAD_PATH, bsaCheck, resultRequest } from './statementResult';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the statement (PDF, PNG or JPG)',
	},
	{
		displayName: 'PDF Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Password of a protected PDF statement; leave empty for unprotected files. Sent as the form field "password" (an assumption: the public pages do not name it). Never appears in output or errors.',
	},
	...jobWaitProperties,
];

export interface StatementType {
	mimeType: string;
	extension: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What the file is, read from its first bytes (the mime type an upstream node set is often
 * application/octet-stream). PDF readers accept "%PDF-" anywhere in the first 1024 bytes.
 */
export function detectStatementType(data: Buffer): StatementType | undefined {
	if (data.subarray(0, 1024).includes('%PDF-')) return { mimeType: 'application/pdf', extension: 'pdf' };
	if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return { mimeType: 'image/png', extension: 'png' };
	if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) {
		return { mimeType: 'image/jpeg', extension: 'jpg' };
	}
	return undefined;
}

interface UploadInput {
	fileName: string;
	type: StatementType;
	data: Buffer;
	password: string;
	extraFields: MultipartPart[];
	wait: JobWait;
}

export const uploadStatement = defineOperation<UploadInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['uploadStatement'] } }, properties),
		advancedProperty('uploadStatement', UPLOAD_PATH),
	],
	async prepare(fn, i) {
		const node = fn.getNode();
		const field = String(fn.getNodeParameter('binaryPropertyName', i, 'data')).trim() || 'data';
		const binary = fn.helpers.assertBinaryData(i, field);
		// Read now so a wrong file stops the run before anything is uploaded.
		const data = await fn.helpers.getBinaryDataBuffer(i, field);
		const type = detectStatementType(data);
		if (!type) {
			const name = binary.fileName ? `"${binary.fileName}"` : 'a file';
			throw new NodeOperationError(
				node,
				`Input binary field "${field}" holds ${name} (${binary.mimeType || 'no mime type'}, ${data.length} bytes), which is not a PDF, PNG or JPG`,
				{
					itemIndex: i,
					description:
						'The bank statement analyser accepts PDF, PNG and JPG files; the file was recognised by its first bytes. Nothing was sent to the API for this item.',
				},
			);
		}
		const password = fn.getNodeParameter('password', i, '');
		// Advanced → Extra Body Fields become extra form fields (the router only merges them into JSON bodies).
		const advanced = fn.getNodeParameter('advanced', i, {}) as { extraBody?: string | IDataObject };
		let extra: IDataObject = {};
		if (typeof advanced.extraBody === 'string' && advanced.extraBody.trim() !== '') {
			try {
				extra = asObject(jsonParse(advanced.extraBody));
			} catch {
				throw new NodeOperationError(node, 'Advanced → Extra Body Fields is not valid JSON', { itemIndex: i });
			}
		} else {
			extra = asObject(advanced.extraBody);
		}
		const extraFields = Object.entries(extra).map(([name, value]) => ({
			name,
			value: typeof value === 'string' ? value : JSON.stringify(value),
		}));
		return {
			fileName: binary.fileName || `statement.${type.extension}`,
			type,
			data,
			password: typeof password === 'string' ? password : '',
			extraFields,
			wait: readJobWait(fn, i),
		};
	},
	async run(ctx, i, input) {
		try {
			const parts: MultipartPart[] = [
				{ name: 'file', fileName: input.fileName, contentType: input.type.mimeType, data: input.data },
			];
			if (input.password !== '') parts.push({ name: 'password', value: input.password });
			parts.push(...input.extraFields);
			const form = encodeMultipart(parts);
			const result = await ctx.call(
				{
					method: 'POST',
					path: UPLOAD_PATH,
					body: form.body,
					headers: { 'content-type': form.contentType },
					// Never sent twice on an unsure failure: a second upload is a second (billed) analysis.
					idempotent: false,
				},
				i,
			);
			const data = asObject(result.data);
			const file: IDataObject = {
				file_name: input.fileName,
				mime_type: input.type.mimeType,
				file_size: input.data.length,
			};
			if (!input.wait.enabled) return redactValue(jsonItems({ ...data, ...file }), input.password);

			const clientId = typeof data.client_id === 'string' || typeof data.client_id === 'number' ? String(data.client_id) : '';
			if (!clientId) throw ctx.transport.fail(result, i, 'Finpass accepted the upload but returned no client_id to follow.');
			const outcome = await waitForJob(ctx, i, {
				product: 'bsa',
				wait: input.wait,
				label: `Statement analysis ${clientId}`,
				resumeHint: `Get Result (Wait for Completion) with Client ID ${clientId}`,
				initialState: data.status ?? 'uploaded',
				check: async () => bsaCheck(await ctx.transport.request(resultRequest(clientId), i)),
			});
			const ids: IDataObject = { client_id: clientId, doc_id: data.doc_id ?? null, ...file };
			const json = outcome.done
				? { ...ids, ...outcome.value }
				: {
						...ids,
						...(outcome.last ?? {}),
						status: outcome.state,
						wait_timed_out: true,
						waited_seconds: outcome.waitedSeconds,
					};
			return redactValue(jsonItems(json), input.password);
		} catch (error) {
			throw redactError(ctx.fn.getNode(), error, input.password);
		}
	},
});
