import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { hmacCredentialProperties, secretProperty } from '../nodes/shared/triggers/credentials';

/**
 * How the Finpass Trigger checks that a delivery comes from Finpass. A credential, not node
 * parameters: n8n encrypts it and never exports it with a workflow (docs/webhook-security.md).
 * Finpass publishes no webhook signature, so the secret is one the user chooses.
 */
export class FinpassWebhookApi implements ICredentialType {
	name = 'finpassWebhookApi';

	displayName = 'Finpass Webhook API';

	icon: Icon = { light: 'file:../nodes/shared/finpass.svg', dark: 'file:../nodes/shared/finpass.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass/blob/main/docs/webhook-security.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Verification',
			name: 'verification',
			type: 'options',
			options: [
				{
					name: 'Secret Token in URL',
					value: 'queryToken',
					description: 'Append ?token=YOUR_SECRET to the URL you give Finpass (works with any sender)',
				},
				{
					name: 'Secret Header',
					value: 'headerToken',
					description: 'The sender puts the secret in a request header',
				},
				{
					name: 'HMAC-SHA256 Signature',
					value: 'hmacSha256',
					description: 'The sender signs the raw body with the secret and puts the signature in a header',
				},
			],
			default: 'queryToken',
			description: 'How a delivery proves it comes from Finpass. Every delivery must pass: there is no "none".',
		},
		secretProperty('A long random value only you and the sender know: the token itself, or the HMAC key.'),
		{
			displayName: 'Query Parameter Name',
			name: 'queryParameterName',
			type: 'string',
			default: 'token',
			required: true,
			displayOptions: { show: { verification: ['queryToken'] } },
			description: 'The URL query parameter that carries the secret',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'x-finpass-token',
			required: true,
			displayOptions: { show: { verification: ['headerToken'] } },
			description: 'The request header that carries the secret (case does not matter)',
		},
		...hmacCredentialProperties('x-finpass-signature', { verification: ['hmacSha256'] }),
	];
}
