import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { hmacCredentialProperties, secretProperty } from '../nodes/shared/triggers/credentials';

/**
 * How the FinPro Trigger checks a delivery's HMAC-SHA256 signature. A credential, not node
 * parameters: n8n encrypts it and never exports it with a workflow (docs/webhook-security.md).
 * The header name is not published (docs/api-contract.md), so it is a field with an assumed default.
 */
export class FinProWebhookApi implements ICredentialType {
	name = 'finProWebhookApi';

	displayName = 'FinPro Webhook API';

	icon: Icon = { light: 'file:../nodes/shared/finpro.svg', dark: 'file:../nodes/shared/finpro.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass/blob/main/docs/webhook-security.md';

	properties: INodeProperties[] = [
		secretProperty('The webhook secret from the FinPro admin portal (the HMAC-SHA256 key).'),
		...hmacCredentialProperties('x-finpro-signature'),
	];
}
