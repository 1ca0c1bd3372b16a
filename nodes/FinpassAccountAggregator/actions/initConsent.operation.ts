import { NodeOperationError } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { consentFields } from '../../shared/finpass/parameters';
import { defineOperation } from '../../shared/framework/operation';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { isLoopbackHost } from '../../shared/transport/address';
import { redactValue } from '../../shared/transport/redact';
import { verificationFrom } from '../../shared/triggers/credentials';
import { optionalUrl } from '../../shared/validation/validators';
import { additionalConsentFields, readConsentInput, type ConsentInput } from './parameters';

/** The Finpass Trigger's webhook credential, for the token Initialize Consent can add to the URL. */
export const TRIGGER_CREDENTIAL = 'finpassWebhookApi';

interface InitInput extends ConsentInput {
	appendTriggerToken: boolean;
}

/**
 * Where the trigger token may go: an https URL, or plain http on this machine (the simulator,
 * tests). Anything else would send the secret readable over the network.
 */
export function tokenUrlProblem(url: URL): string | undefined {
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
	return 'Add Trigger Token to Webhook URL needs an https:// Webhook URL';
}

/**
 * The URL with the token in query parameter `name`, and every spelling of the token this code
 * puts on the wire: URLSearchParams writes `~ ( ) ! '` and spaces differently from
 * encodeURIComponent (%7E %28 %29 %21 %27, "+"), so those are masked too.
 */
export function urlWithToken(webhookUrl: string, name: string, secret: string): { url: string; spellings: string[] } {
	const url = new URL(webhookUrl);
	url.searchParams.set(name, secret);
	const encoded = new URLSearchParams([['', secret]]).toString().slice(1);
	const lower = encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
	return { url: url.toString(), spellings: [...new Set([secret, encoded, lower])] };
}

export const initConsent = defineOperation({
	value: 'initConsent',
	name: 'Initialize Consent',
	action: "Initialize consent to share borrower's bank data",
	description: 'Send the borrower a consent request; returns client_id and the consent redirect_url',
	endpoint: FINPASS.aaInit,
	properties: [
		...consentFields,
		additionalConsentFields(true),
		{
			displayName: 'Add Trigger Token to Webhook URL',
			name: 'appendTriggerToken',
			type: 'boolean',
			default: false,
			description:
				"Whether to append the Finpass Trigger's secret token (from the Finpass Webhook API credential chosen above) to the Webhook URL when the request is sent, so the secret is never stored in this workflow",
		},
	],
	prepare(fn, i): InitInput {
		const input = readConsentInput(fn, i);
		const appendTriggerToken = fn.getNodeParameter('appendTriggerToken', i, false) === true;
		// checked before any call: a URL that does not parse is never sent
		const webhookUrl = optionalUrl(fn.getNode(), input.body.webhook_url, i, 'Webhook URL');
		if (appendTriggerToken && webhookUrl === undefined) {
			throw new NodeOperationError(fn.getNode(), 'Add Trigger Token to Webhook URL needs a Webhook URL', {
				itemIndex: i,
				description: "Set Additional Fields → Webhook URL to the Finpass Trigger's production URL, without any token.",
			});
		}
		if (appendTriggerToken && webhookUrl !== undefined) {
			const problem = tokenUrlProblem(new URL(webhookUrl));
			if (problem !== undefined) {
				throw new NodeOperationError(fn.getNode(), problem, {
					itemIndex: i,
					description:
						"The trigger's secret token would travel readable over the network. Use the Finpass Trigger's https production URL (set n8n's WEBHOOK_URL to its https address). Nothing was sent to the API for this item.",
				});
			}
		}
		return { ...input, appendTriggerToken };
	},
	async run(ctx, i, input) {
		let body = input.body;
		let spellings: string[] = [];
		if (input.appendTriggerToken) {
			const settings = verificationFrom(await ctx.fn.getCredentials(TRIGGER_CREDENTIAL));
			if (settings.mode !== 'queryToken') {
				throw new NodeOperationError(ctx.fn.getNode(), 'The Finpass Webhook API credential does not use a token in the URL', {
					itemIndex: i,
					description: "Finpass calls the Webhook URL as given: set the credential's Verification to Secret Token in URL.",
				});
			}
			const withToken = urlWithToken(String(body.webhook_url), settings.queryParameter || 'token', settings.secret);
			spellings = withToken.spellings;
			for (const spelling of spellings) ctx.transport.addSecret(spelling);
			body = { ...body, webhook_url: withToken.url };
		}
		const result = await ctx.call(FINPASS.aaInit, { body }, i);
		// the API may echo the webhook_url: no spelling of the token reaches the output
		return spellings.reduce(
			(items, spelling) => redactValue(items, spelling),
			jsonItems({ ...asObject(result.data), consent_type: input.consentType }),
		);
	},
});
