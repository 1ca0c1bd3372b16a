import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { consentFields } from '../../shared/finpass/parameters';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { optionalUrl, requireId } from '../../shared/validation/validators';
import { readWait, timedOutItem, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { waitForJourney } from './journey';

const properties: INodeProperties[] = [
	...consentFields,
	{
		displayName: 'Redirect URL',
		name: 'redirectUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/thank-you',
		description: 'Where the borrower lands after finishing the journey',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		description:
			'Where Finpass posts journey status updates. Paste the production URL of a Finpass Trigger node here.',
	},
	...waitProperties,
	{
		displayName:
			'While waiting, the journey URL is not yet output: wait only if the borrower gets the link another way. Otherwise send journey_url to the borrower first and use Get Analysis with Wait for Completion later.',
		name: 'waitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
];

interface JourneyInput {
	body: IDataObject;
	wait: WaitSettings;
}

export const startJourney = defineOperation({
	value: 'startJourney',
	name: 'Start Journey',
	action: 'Start AA bank statement analysis journey',
	description: 'Returns client_id and the journey_url to send to the borrower',
	endpoint: FINPASS.aaBsaInit,
	properties,
	prepare(fn, i): JourneyInput {
		const node = fn.getNode();
		const body: IDataObject = {
			mobile_number: requireId(node, 'mobile', fn.getNodeParameter('mobileNumber', i), i, 'Mobile Number'),
			consent_type: fn.getNodeParameter('consentType', i) as string,
		};
		const redirectUrl = optionalUrl(node, fn.getNodeParameter('redirectUrl', i, ''), i, 'Redirect URL');
		const webhookUrl = optionalUrl(node, fn.getNodeParameter('webhookUrl', i, ''), i, 'Webhook URL');
		if (redirectUrl) body.redirect_url = redirectUrl;
		if (webhookUrl) body.webhook_url = webhookUrl;
		return { body, wait: readWait(fn, i) };
	},
	async run(ctx, i, { body, wait }) {
		const result = await ctx.call(FINPASS.aaBsaInit, { body }, i);
		const data = asObject(result.data);
		const started: IDataObject = { ...data, consent_type: body.consent_type };
		if (!wait.enabled) return jsonItems(started);

		const clientId = typeof data.client_id === 'string' || typeof data.client_id === 'number' ? String(data.client_id) : '';
		if (!clientId) throw ctx.transport.apiError(result, i, 'Finpass started the journey but returned no client_id to follow.');
		const hint = `Get Analysis (Wait for Completion) with Client ID ${clientId}`;
		const outcome = await waitForJourney(ctx, i, clientId, wait, hint, data.status ?? 'initiated');
		const ids: IDataObject = { client_id: clientId, journey_url: data.journey_url ?? null, consent_type: body.consent_type };
		if (!outcome.done) return jsonItems(timedOutItem(ids, outcome));
		const analysis = await ctx.call(FINPASS.aaBsaAnalysis, { body: { client_id: clientId } }, i);
		return jsonItems({ ...ids, status: outcome.value.status ?? 'analysis_complete', ...asObject(analysis.data) });
	},
});
