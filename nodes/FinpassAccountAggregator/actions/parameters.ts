import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { clientIdProperty, panProperty } from '../../shared/finpass/parameters';
import { optionalId, requireId, requireText } from '../../shared/validation/validators';

export const aaClientIdProperty = clientIdProperty(
	'aa_6989cbcf_a136a4017',
	'The client_id returned by Initialize Consent (starts with aa_ or account_aggregator_v2_, e.g. aa_6989cbcf_a136a4017)',
);

/**
 * Both report documents make request_id "Required for loan_monitoring flow. Optional for
 * loan_underwriting flow" (fetch-json-report line 107, fetch-pdf-report line 13).
 */
export const aaRequestIdProperty: INodeProperties = {
	displayName: 'Request ID',
	name: 'requestId',
	type: 'string',
	default: '',
	description:
		'The request_id from Refresh Data. Required for loan monitoring consents; leave empty for loan underwriting.',
};

/** The report request body: client_id, and request_id when one is given. */
export function reportBody(fn: IExecuteFunctions, i: number): IDataObject {
	const body: IDataObject = { client_id: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID') };
	const requestId = String(fn.getNodeParameter('requestId', i, '')).trim();
	if (requestId) body.request_id = requestId;
	return body;
}

const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'e.g. asha@example.com',
	default: '',
	description: "Borrower's email for notifications",
};

const webhookUrlField: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	description: 'Where Finpass posts consent status updates. Paste the production URL of a Finpass Trigger node here.',
};

const redirectUrlField: INodeProperties = {
	displayName: 'Redirect URL',
	name: 'redirectUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/thank-you',
	description: 'Where the borrower lands after the consent journey',
};

/**
 * The optional consent fields, under one collection with one name in both consent operations, so
 * values typed under Initialize Consent survive a switch to Initialize Consent and Wait and back.
 * The "and wait" form sets the webhook itself: it shows no Webhook URL and ignores one set before.
 */
export function additionalConsentFields(withWebhookUrl: boolean): INodeProperties {
	const pan = panProperty("Borrower's PAN for extra verification: 10 characters, 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)");
	const options = [pan, emailField, ...(withWebhookUrl ? [webhookUrlField] : []), redirectUrlField];
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add field', default: {}, options };
}

export interface ConsentInput {
	body: IDataObject;
	consentType: string;
}

/** Reads and validates the consent fields shared by "Initialize consent" and its "and wait" form. */
export function readConsentInput(
	fn: IExecuteFunctions,
	i: number,
	extra: { webhookUrl?: string } = {},
): ConsentInput {
	const node = fn.getNode();
	const mobile = requireId(node, 'mobile', fn.getNodeParameter('mobileNumber', i), i, 'Mobile Number');
	const consentType = fn.getNodeParameter('consentType', i) as string;
	const fields = fn.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const pan = optionalId(node, 'pan', fields.pan, i, 'PAN');
	const email = optionalId(node, 'email', fields.email, i, 'Email');
	const body: IDataObject = { mobile_number: mobile, consent_type: consentType };
	// The init document's field table says `pan_number`, its example body says `pan`: send both.
	if (pan) Object.assign(body, { pan_number: pan, pan });
	if (email) body.email = email;
	const webhookUrl = extra.webhookUrl ?? (typeof fields.webhookUrl === 'string' ? fields.webhookUrl.trim() : '');
	if (webhookUrl) body.webhook_url = webhookUrl;
	if (typeof fields.redirectUrl === 'string' && fields.redirectUrl.trim()) body.redirect_url = fields.redirectUrl.trim();
	return { body, consentType };
}
