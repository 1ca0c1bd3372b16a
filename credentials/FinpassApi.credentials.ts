import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FinpassApi implements ICredentialType {
	name = 'finpassApi';

	displayName = 'Finpass API';

	icon: Icon = { light: 'file:../nodes/shared/finpass.svg', dark: 'file:../nodes/shared/finpass.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The x-api-key Finpass gave you at registration',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The x-api-secret paired with the API key',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.finpass.ai',
			required: true,
			description:
				'Production is https://api.finpass.ai. Use the UAT host Finpass gave you, or http://127.0.0.1:4010 for the simulator (npx n8n-nodes-finpass-simulator) to try workflows without keys.',
		},
	];

	// Applied by n8n to every request (httpRequestWithAuthentication). A function, not a declarative
	// block: n8n would evaluate each `={{$credentials.…}}` header as an expression on every request,
	// which costs more than the whole request on a fast API (docs/performance.md).
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			'x-api-key': String(credentials.apiKey ?? ''),
			'x-api-secret': String(credentials.apiSecret ?? ''),
		},
	});

	// Proving the keys must not cost a paid call. Refresh Data, Init and the report fetches are
	// billed or quota-counted when they succeed, so we ask Fetch JSON Report about a client id that
	// cannot exist: the API checks the keys first (401 "unauthorized" for bad ones) and then answers
	// 404 "client_not_found" for good ones, which touches no borrower data and starts no fetch.
	// 401/403 fail the test; any other status (the 404) means the keys were accepted.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/services/account-aggregator/fetch-json-report',
			method: 'POST',
			body: { client_id: 'aa_n8n_credential_test' },
			json: true,
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403] },
		},
	};
}
