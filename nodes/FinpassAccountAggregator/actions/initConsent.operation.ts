import { FINPASS } from '../../shared/finpass/endpoints';
import { consentFields } from '../../shared/finpass/parameters';
import { defineOperation } from '../../shared/framework/operation';
import { asObject, jsonItems } from '../../shared/framework/items';
import { additionalConsentFields, readConsentInput, type ConsentInput } from './parameters';

export const initConsent = defineOperation({
	value: 'initConsent',
	name: 'Initialize Consent',
	action:
		"Start an account aggregator consent for a borrower's 10-digit mobile number (e.g. 9876543210) and get the client_id and consent link",
	description: 'Send the borrower a consent request; returns client_id and the consent redirect_url',
	endpoint: FINPASS.aaInit,
	properties: [
		...consentFields,
		additionalConsentFields(
			'additionalFields',
			"Borrower's PAN for extra verification: 10 characters, 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)",
			true,
		),
	],
	prepare: (fn, i): ConsentInput => readConsentInput(fn, i),
	async run(ctx, i, input) {
		const result = await ctx.call(FINPASS.aaInit, { body: input.body }, i);
		return jsonItems({ ...asObject(result.data), consent_type: input.consentType });
	},
});
