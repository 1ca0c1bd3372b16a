import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation, type RunContext } from '../../shared/framework/operation';
import type { ApiResult } from '../../shared/transport';
import type { MultipartPart } from '../../shared/transport/multipart';
import { redactError, redactValue } from '../../shared/transport/redact';
import { readWait, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { resultWhenComplete } from './statementResult';

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
			'Password of a protected PDF statement; leave empty for unprotected files. Never appears in output or errors.',
	},
	...waitProperties,
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
	field: string;
	fileName: string;
	type: StatementType;
	size: number;
	password: string;
	wait: WaitSettings;
}

/**
 * Uploads the item's file, read only when its request goes out (the transport builds the form
 * after the limiter admits it), so queued items and the wait that may follow hold no file. Never
 * sent twice on an unsure failure: a second upload is a second (billed) analysis. Advanced →
 * Extra Body Fields become extra form fields.
 */
async function send(ctx: RunContext, i: number, input: UploadInput): Promise<ApiResult> {
	const form = async (): Promise<MultipartPart[]> => {
		const data = await ctx.fn.helpers.getBinaryDataBuffer(i, input.field);
		const parts: MultipartPart[] = [{ name: 'file', fileName: input.fileName, contentType: input.type.mimeType, data }];
		if (input.password !== '') parts.push({ name: 'password', value: input.password });
		return parts;
	};
	return await ctx.call(FINPASS.bsaUpload, { form }, i);
}

export const uploadStatement = defineOperation({
	value: 'uploadStatement',
	name: 'Upload Statement',
	action: 'Upload bank statement for analysis',
	description:
		'Sends a PDF, PNG or JPG from a binary field; returns client_id, or with Wait for Completion the analysis result',
	endpoint: FINPASS.bsaUpload,
	properties,
	async prepare(fn, i): Promise<UploadInput> {
		const node = fn.getNode();
		const field = String(fn.getNodeParameter('binaryPropertyName', i, 'data')).trim() || 'data';
		const binary = fn.helpers.assertBinaryData(i, field);
		// Checked now so a wrong file stops the run before anything is uploaded, but not kept:
		// each file is read again when its request goes out, so memory holds about one file.
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
						'The bank statement analyzer accepts PDF, PNG and JPG files; the file was recognised by its first bytes. Nothing was sent to the API for this item.',
				},
			);
		}
		const password = fn.getNodeParameter('password', i, '');
		return {
			field,
			fileName: binary.fileName || `statement.${type.extension}`,
			type,
			size: data.length,
			password: typeof password === 'string' ? password : '',
			wait: readWait(fn, i),
		};
	},
	async run(ctx, i, input) {
		try {
			const result = await send(ctx, i, input);
			const data = asObject(result.data);
			const file: IDataObject = {
				file_name: input.fileName,
				mime_type: input.type.mimeType,
				file_size: input.size,
			};
			if (!input.wait.enabled) return redactValue(jsonItems({ ...data, ...file }), input.password);

			const clientId = typeof data.client_id === 'string' || typeof data.client_id === 'number' ? String(data.client_id) : '';
			if (!clientId) throw ctx.transport.fail(result, i, 'Finpass accepted the upload but returned no client_id to follow.');
			const ids: IDataObject = { client_id: clientId, doc_id: data.doc_id ?? null, ...file };
			const json = await resultWhenComplete(ctx, i, clientId, ids, input.wait, {
				resumeHint: `Get Statement Result (Wait for Completion) with Client ID ${clientId}`,
				initialState: data.status ?? 'uploaded',
			});
			return redactValue(jsonItems(json), input.password);
		} catch (error) {
			throw redactError(ctx.fn.getNode(), error, input.password);
		}
	},
});
