import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
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

/** Statement files above this many MB fail their item before any request (the Max File Size option). */
export const DEFAULT_MAX_FILE_MB = 20;
const MB = 1024 * 1024;
/** Bytes read from a file to recognise its type (PDF readers look for "%PDF-" this far). */
const HEAD_BYTES = 1024;

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
	{
		displayName: 'Max File Size (MB)',
		name: 'maxFileSizeMb',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1024 },
		default: DEFAULT_MAX_FILE_MB,
		description:
			'A larger file fails its item before anything is sent (bank statements are rarely above a few MB)',
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
	/** Size as n8n knows it before reading (0 when unknown); replaced by the bytes read. */
	size: number;
	/** Largest file accepted, in bytes. */
	maxBytes: number;
	password: string;
	wait: WaitSettings;
}

/**
 * The file's size in bytes as n8n knows it without reading the file: from the binary data
 * service's metadata (files kept on disk or in S3), the `bytes` field newer n8n versions set, or
 * the length of the base64 text of a file kept in memory. Undefined when none is available.
 */
export async function knownFileSize(fn: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
	if (binary.id) {
		try {
			const { fileSize } = await fn.helpers.getBinaryMetadata(binary.id);
			if (Number.isFinite(fileSize) && fileSize >= 0) return fileSize;
		} catch {
			// unknown: the size is checked once the file is read
		}
	}
	if (typeof binary.bytes === 'number' && Number.isFinite(binary.bytes)) return binary.bytes;
	if (!binary.id && typeof binary.data === 'string' && binary.data !== '') {
		const text = binary.data.replace(/\s+/g, '');
		const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
		return Math.floor((text.length * 3) / 4) - padding;
	}
	return undefined;
}

/** The first HEAD_BYTES bytes of the file, without reading the rest of it. */
async function fileHead(fn: IExecuteFunctions, i: number, field: string, binary: IBinaryData): Promise<Buffer> {
	if (binary.id) {
		const stream = await fn.helpers.getBinaryStream(binary.id, HEAD_BYTES);
		const chunks: Buffer[] = [];
		let size = 0;
		try {
			for await (const chunk of stream as AsyncIterable<Buffer | string>) {
				const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
				chunks.push(bytes);
				size += bytes.length;
				if (size >= HEAD_BYTES) break;
			}
		} finally {
			stream.destroy();
		}
		return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
	}
	if (typeof binary.data === 'string' && binary.data !== '') {
		// 1368 base64 characters are 1026 bytes: enough for the head, without decoding the file
		return Buffer.from(binary.data.replace(/\s+/g, '').slice(0, Math.ceil(HEAD_BYTES / 3) * 4 + 4), 'base64').subarray(0, HEAD_BYTES);
	}
	return (await fn.helpers.getBinaryDataBuffer(i, field)).subarray(0, HEAD_BYTES);
}

function tooLarge(fn: IExecuteFunctions, i: number, field: string, size: number, maxBytes: number): NodeOperationError {
	return new NodeOperationError(
		fn.getNode(),
		`The file in input binary field "${field}" is ${(size / MB).toFixed(1)} MB, more than the ${maxBytes / MB} MB this node sends`,
		{
			itemIndex: i,
			description:
				'Nothing was sent for this item. Raise Max File Size if the statement really is this large, or split it into smaller files.',
		},
	);
}

/**
 * Uploads the item's file, read only when its request goes out (the transport builds the form
 * after the limiter admits it), so queued items and the wait that may follow hold no file. Never
 * sent twice on an unsure failure: a second upload is a second (billed) analysis. Advanced →
 * Extra Body Fields become extra form fields.
 */
async function send(ctx: RunContext, i: number, input: UploadInput): Promise<{ result: ApiResult; size: number }> {
	let size = input.size;
	const form = async (): Promise<MultipartPart[]> => {
		// The one full read of the file; its size is checked again in case n8n did not know it.
		const data = await ctx.fn.helpers.getBinaryDataBuffer(i, input.field);
		if (data.length > input.maxBytes) throw tooLarge(ctx.fn, i, input.field, data.length, input.maxBytes);
		size = data.length;
		const parts: MultipartPart[] = [{ name: 'file', fileName: input.fileName, contentType: input.type.mimeType, data }];
		if (input.password !== '') parts.push({ name: 'password', value: input.password });
		return parts;
	};
	const result = await ctx.call(FINPASS.bsaUpload, { form }, i);
	return { result, size };
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
		const maxMb = fn.getNodeParameter('maxFileSizeMb', i, DEFAULT_MAX_FILE_MB) as unknown;
		if (typeof maxMb !== 'number' || !Number.isFinite(maxMb) || maxMb <= 0) {
			throw new NodeOperationError(node, `Max File Size must be a number of MB above 0, not "${String(maxMb)}"`, { itemIndex: i });
		}
		const maxBytes = Math.floor(maxMb * MB);
		// Checked now, before anything is sent: the size from what n8n knows of the file, the type
		// from its first bytes. The whole file is read once, when its request goes out.
		const known = await knownFileSize(fn, binary);
		if (known !== undefined && known > maxBytes) throw tooLarge(fn, i, field, known, maxBytes);
		const head = await fileHead(fn, i, field, binary);
		const type = detectStatementType(head);
		if (!type) {
			const name = binary.fileName ? `"${binary.fileName}"` : 'a file';
			const size = known !== undefined ? `, ${known} bytes` : '';
			throw new NodeOperationError(
				node,
				`Input binary field "${field}" holds ${name} (${binary.mimeType || 'no mime type'}${size}), which is not a PDF, PNG or JPG`,
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
			size: known ?? 0,
			maxBytes,
			password: typeof password === 'string' ? password : '',
			wait: readWait(fn, i),
		};
	},
	async run(ctx, i, input) {
		try {
			const { result, size } = await send(ctx, i, input);
			const data = asObject(result.data);
			const file: IDataObject = {
				file_name: input.fileName,
				mime_type: input.type.mimeType,
				file_size: size,
			};
			if (!input.wait.enabled) return redactValue(jsonItems({ ...data, ...file }), input.password);

			const clientId = typeof data.client_id === 'string' || typeof data.client_id === 'number' ? String(data.client_id) : '';
			if (!clientId) throw ctx.transport.apiError(result, i, 'Finpass accepted the upload but returned no client_id to follow.');
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
