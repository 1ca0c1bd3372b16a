import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FinProApi implements ICredentialType {
	name = 'finProApi';

	displayName = 'FinPro API';

	icon: Icon = { light: 'file:../nodes/shared/finpro.svg', dark: 'file:../nodes/shared/finpro.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpro-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The client_id from the FinPro admin portal',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client_secret paired with the client ID',
		},
		{
			displayName: 'Organisation ID',
			name: 'organisationId',
			type: 'string',
			default: '',
			required: true,
			description: "Your organisation's identifier in FinPro (scopes every request to your tenant)",
		},
		{
			displayName: 'App Identifier',
			name: 'appIdentifier',
			type: 'string',
			default: '',
			required: true,
			description: 'The application identifier within your organisation, from the admin portal',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://your-tenant-host.example',
			description:
				'The API host FinPro gave your organisation. Sandbox, UAT and production hosts differ and are issued per tenant, so there is no default. For the simulator (npx n8n-nodes-finpass-simulator): http://127.0.0.1:4010.',
		},
	];

	// Applied by n8n to every request (httpRequestWithAuthentication). A function, not a declarative
	// block: n8n would evaluate each `={{$credentials.…}}` header as an expression on every request.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
			organisationId: String(credentials.organisationId ?? ''),
			appIdentifier: String(credentials.appIdentifier ?? ''),
		},
	});

	// Proving the keys must not read anyone's financial data or start a fetch. Get FI Balance is
	// the lightest read FinPro has, and we ask it about the all-zero consent ID, which no consent
	// can have: FinPro checks the four headers first (401 Unauthorized for bad ones) and then
	// answers InvalidConsentId for good ones. So 401/403 fail the test and any other status means
	// the keys were accepted. The rule also catches an "Unauthorized" sent inside a 2xx body.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/getfibalance',
			method: 'POST',
			body: { consentID: '00000000-0000-0000-0000-000000000000' },
			json: true,
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403] },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorCode',
					value: 'Unauthorized',
					message: 'FinPro rejected the credentials: check the four values and that the base URL is your tenant host.',
				},
			},
		],
	};
}
