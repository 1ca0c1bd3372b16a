import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import type { JobCheck } from '../../shared/jobStates';
import { asObject, type RunContext } from '../../shared/router';
import type { ApiRequest, ApiResult } from '../../shared/transport';

// Public pages (API README): analyze is POST; status and data take {job_id}, GET vs POST unsure.
// We send POST with a JSON body {job_id}; Advanced → HTTP Method switches to GET ?job_id=.
export const ANALYZE_PATH = '/api/v1/itr-analyzer/analyze';
export const STATUS_PATH = '/api/v1/itr-analyzer/status';
export const DATA_PATH = '/api/v1/itr-analyzer/data';
export const DEFAULT_METHOD: IHttpRequestMethods = 'POST';

export const jobIdProperty: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'itr_6989cbcf',
	description: 'The job_id returned by Start Analysis',
};

/** A job_id request as GET ?job_id= or POST {job_id}. */
export function jobRequest(method: IHttpRequestMethods, path: string, jobId: string): ApiRequest {
	const fields: IDataObject = { job_id: jobId };
	return method === 'GET'
		? { method, path, qs: fields, idempotent: true }
		: { method, path, body: fields, idempotent: true };
}

/** Reads a status answer: `data.status` is initiated | processing | completed | failed. */
export function itrCheck(result: ApiResult): JobCheck<IDataObject> {
	const data = asObject(result.data);
	const said = data.error_message ?? data.error ?? data.message;
	return {
		state: data.status,
		failureMessage: typeof said === 'string' && said !== '' ? said : result.message,
		value: data,
		result,
	};
}

/** Status for a poll: sent straight through the transport, so the operation's own Advanced path is not applied to it. */
export async function checkItrStatus(
	ctx: RunContext,
	i: number,
	jobId: string,
	method: IHttpRequestMethods,
): Promise<JobCheck<IDataObject>> {
	return itrCheck(await ctx.transport.request(jobRequest(method, STATUS_PATH, jobId), i));
}
