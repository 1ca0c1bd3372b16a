import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { jobWaitProperties, readJobWait, type JobWait } from '../../shared/jobStates';
import { defineOperation, jsonItems } from '../../shared/router';
import { requireText } from '../../shared/validators';
import { ANALYSIS_PATH, clientIdProperty, readWhenComplete } from './journey';

const properties: INodeProperties[] = [clientIdProperty, ...jobWaitProperties];

interface AnalysisInput {
	clientId: string;
	wait: JobWait;
}

export const getAnalysis = defineOperation<AnalysisInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['getAnalysis'] } }, properties),
		advancedProperty('getAnalysis', ANALYSIS_PATH),
	],
	prepare: (fn, i) => ({
		clientId: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID'),
		wait: readJobWait(fn, i),
	}),
	async run(ctx, i, { clientId, wait }) {
		const read = await readWhenComplete(ctx, i, clientId, ANALYSIS_PATH, wait, `Get Analysis with Client ID ${clientId}`);
		if ('timedOut' in read) return jsonItems(read.timedOut);
		return jsonItems({ client_id: clientId, ...read.data });
	},
});
