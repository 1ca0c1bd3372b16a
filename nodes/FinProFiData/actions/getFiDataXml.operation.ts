import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { FINPRO } from '../../shared/finpro/endpoints';
import { choiceProperty } from '../../shared/framework/descriptions';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import type { ApiResult } from '../../shared/transport';
import { ANSWERED_STATUSES, NEXT_STEP } from './fiPages';
import { consentIdProperty, linkReferenceProperty, readAccountRef } from './parameters';

const XML_TARGETS = [
	{ name: 'A Text Field', value: 'text', description: 'The XML document as a string in the item JSON' },
	{ name: 'A Binary File', value: 'binary', description: 'The XML document as a file (.xml), e.g. to store or upload' },
];

const properties: INodeProperties[] = [
	consentIdProperty,
	linkReferenceProperty,
	choiceProperty('Put XML In', 'xmlOutput', XML_TARGETS, 'text'),
	{
		displayName: 'Field Name',
		name: 'xmlField',
		type: 'string',
		default: 'xml',
		displayOptions: { show: { xmlOutput: ['text'] } },
		description: 'The JSON field to put the XML document in',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		displayOptions: { show: { xmlOutput: ['binary'] } },
		hint: 'The name of the output binary field to put the XML file in',
	},
];

interface XmlInput {
	consentID: string;
	linkReferenceNumber: string;
	target: { kind: 'text'; field: string } | { kind: 'binary'; property: string };
}

/** The XML document in an answer: the raw body, or a string FinPro wrapped in its JSON envelope. */
export function xmlOf(result: ApiResult): string | undefined {
	// (an HTML error page also starts with '<' but is no FI document)
	const looksXml = (value: unknown): value is string =>
		typeof value === 'string' && /^\s*<(?!!doctype html|html[\s>])/i.test(value);
	if (looksXml(result.body)) return result.body;
	if (looksXml(result.data)) return result.data;
	const inner = asObject(result.data);
	for (const key of ['xml', 'fiData', 'data']) if (looksXml(inner[key])) return inner[key] as string;
	return undefined;
}

// The path is an assumption (docs/api-contract.md): Request Options → Custom Path corrects it without a release.
export const getFiDataXml = defineOperation({
	value: 'getFiDataXml',
	name: 'Get FI Data as XML',
	action: "Get one bank account's data as XML",
	description: 'The same data as Get FI Data, as XML text or an .xml file',
	endpoint: FINPRO.getFiDataXml,
	properties,
	prepare(fn, i): XmlInput {
		const kind = fn.getNodeParameter('xmlOutput', i, 'text') as 'text' | 'binary';
		return {
			...readAccountRef(fn, i),
			target:
				kind === 'binary'
					? { kind, property: String(fn.getNodeParameter('binaryPropertyName', i, 'data')).trim() || 'data' }
					: { kind, field: String(fn.getNodeParameter('xmlField', i, 'xml')).trim() || 'xml' },
		};
	},
	async run(ctx, i, { consentID, linkReferenceNumber, target }) {
		// The XML answer is not JSON: `textResponse` has the transport return it as text (error
		// answers are still read as FinPro's JSON), so this read is retried like any other fetch.
		const result = await ctx.call(
			FINPRO.getFiDataXml,
			{
				body: { consentID, linkReferenceNumber },
				headers: { accept: 'application/xml, text/xml;q=0.9, application/json;q=0.5' },
				textResponse: true,
				expectStatuses: ANSWERED_STATUSES,
			},
			i,
		);
		const xml = result.statusCode < 300 ? xmlOf(result) : undefined;
		if (xml === undefined) {
			const failed = result.statusCode >= 400 || (result.code !== undefined && result.code !== 'invalid_json');
			throw ctx.transport.apiError(
				failed ? result : { ...result, message: 'FinPro answered without an XML document', code: 'no_xml' },
				i,
				failed && result.code ? NEXT_STEP[result.code] : 'Check Request Options → Custom Path: your FinPro tenant may serve the XML variant elsewhere.',
			);
		}
		const json: IDataObject = { consentID, linkReferenceNumber };
		if (target.kind === 'text') return [{ json: { ...json, [target.field]: xml } }];
		const fileName = `finpro_${linkReferenceNumber}.xml`;
		const bytes = Buffer.from(xml, 'utf8');
		const binary = await ctx.fn.helpers.prepareBinaryData(bytes, fileName, 'application/xml');
		return [{ json: { ...json, file_name: fileName, file_size: bytes.length }, binary: { [target.property]: binary } }];
	},
});
