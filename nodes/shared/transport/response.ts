import type { IN8nHttpFullResponse } from 'n8n-workflow';

import type { ApiResult } from './types';
import { effectiveStatus, type VendorProfile } from './vendors';

/**
 * An HTTP answer as the transport reads it: the body parsed as JSON (a text body is kept as text
 * only where the endpoint expects text and the status is a success), then the vendor's envelope.
 */
export function readResponse(vendor: VendorProfile, response: IN8nHttpFullResponse, textResponse: boolean): ApiResult {
	let body: unknown = response.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string' && body.trim() !== '') {
		try {
			body = JSON.parse(body);
		} catch {
			if (textResponse && response.statusCode < 300) {
				return { statusCode: response.statusCode, headers: response.headers, body, data: body, success: true };
			}
			return {
				statusCode: response.statusCode,
				headers: response.headers,
				body,
				data: undefined,
				success: false,
				message: `${vendor.name} answered with a body that is not valid JSON`,
				code: 'invalid_json',
			};
		}
	}
	const answer = vendor.readAnswer(body);
	return { ...answer, statusCode: effectiveStatus(response.statusCode, answer.envelopeStatus), headers: response.headers, body };
}
