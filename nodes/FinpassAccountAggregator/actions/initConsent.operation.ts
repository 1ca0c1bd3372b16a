import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { optionalId, requireId } from '../../shared/validators';

export const INIT_PATH = '/api/v1/services/account-aggregator/init';

export const consentFields: INodeProperties[] = [
	{
		displayName: 'Mobile Number',
		name: 'mobileNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '9876543210',
		description:
			"Borrower's 10-digit Indian mobile number, starting with 6-9. A leading +91 or 0 is removed. The Account Aggregator sends the consent request to this number.",
	},
	{
		displayName: 'Consent Type',
		name: 'consentType',
		type: 'options',
		options: [
			{ name: 'Loan Underwriting', value: 'loan_underwriting', description: 'One-time data pull to assess a loan application' },
			{ name: 'Loan Monitoring', value: 'loan_monitoring', description: 'Repeated pulls during the loan; each needs Refresh Data' },
		],
		default: 'loan_underwriting',
		description: 'Purpose the borrower is asked to consent to',
	},
];

const properties: INodeProperties[] = [
	...consentFields,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'PAN',
				name: 'pan',
				type: 'string',
				default: '',
				placeholder: 'ABCDE1234F',
				description: "Borrower's PAN for extra verification: 10 characters, 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)",
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: "Borrower's email for notifications",
			},
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				description:
					'Where Finpass posts consent status updates. Paste the production URL of a Finpass Trigger node here.',
			},
			{
				displayName: 'Redirect URL',
				name: 'redirectUrl',
				type: 'string',
				default: '',
				description: 'Where the borrower lands after the consent journey',
			},
		],
	},
];

export interface InitInput {
	body: IDataObject;
	consentType: string;
}

/** Reads and validates the consent fields shared by "Initialize consent" and its "and wait" form. */
export function readConsentInput(
	fn: IExecuteFunctions,
	i: number,
	extra: { webhookUrl?: string; fields?: IDataObject } = {},
): InitInput {
	const node = fn.getNode();
	const mobile = requireId(node, 'mobile', fn.getNodeParameter('mobileNumber', i), i, 'Mobile Number');
	const consentType = fn.getNodeParameter('consentType', i) as string;
	const fields = extra.fields ?? (fn.getNodeParameter('additionalFields', i, {}) as IDataObject);
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

export const initConsent = defineOperation<InitInput>({
	description: [
		...updateDisplayOptions({ show: { operation: ['initConsent'] } }, properties),
		advancedProperty('initConsent', INIT_PATH),
	],
	prepare: (fn, i) => readConsentInput(fn, i),
	async run(ctx, i, input) {
		const result = await ctx.call({ method: 'POST', path: INIT_PATH, body: input.body, idempotent: false }, i);
		const data = asObject(result.data);
		return jsonItems({ ...data, consent_type: input.consentType });
	},
});
