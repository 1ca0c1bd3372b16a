import { NodeOperationError } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { consentFields } from '../../shared/finpass/parameters';
import { defineOperation } from '../../shared/framework/operation';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { redactValue } from '../../shared/transport/redact';
import { verificationFrom } from '../../shared/triggers/credentials';
import { additionalConsentFields, readConsentInput, type ConsentInput } from './parameters';

/** The Finpass Trigger's webhook credential, for the token Initialize Consent can add to the URL. */
export const TRIGGER_CREDENTIAL = 'finpassWebhookApi';

interface InitInput extends ConsentInput {
	appendTriggerToken: boolean;
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
		if (appendTriggerToken && typeof input.body.webhook_url !== 'string') {
			throw new NodeOperationError(fn.getNode(), 'Add Trigger Token to Webhook URL needs a Webhook URL', {
				itemIndex: i,
				description: "Set Additional Fields → Webhook URL to the Finpass Trigger's production URL, without any token.",
			});
		}
		return { ...input, appendTriggerToken };
	},
	async run(ctx, i, input) {
		let body = input.body;
		let secret: string | undefined;
		if (input.appendTriggerToken) {
			const settings = verificationFrom(await ctx.fn.getCredentials(TRIGGER_CREDENTIAL));
			if (settings.mode !== 'queryToken') {
				throw new NodeOperationError(ctx.fn.getNode(), 'The Finpass Webhook API credential does not use a token in the URL', {
					itemIndex: i,
					description: "Finpass calls the Webhook URL as given: set the credential's Verification to Secret Token in URL.",
				});
			}
			secret = settings.secret;
			ctx.transport.addSecret(secret);
			const url = new URL(String(body.webhook_url));
			url.searchParams.set(settings.queryParameter || 'token', secret);
			body = { ...body, webhook_url: url.toString() };
		}
		const result = await ctx.call(FINPASS.aaInit, { body }, i);
		return redactValue(jsonItems({ ...asObject(result.data), consent_type: input.consentType }), secret);
	},
});
