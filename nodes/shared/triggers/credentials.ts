import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDisplayOptions,
	INodeCredentialTestResult,
	INodeProperties,
} from 'n8n-workflow';

import { secretAdvice, secretProblem, suggestSecret, MIN_SECRET_LENGTH } from './secret';
import { DEFAULT_TOLERANCE_SECONDS } from './verify';
import type { VerificationMode, VerificationSettings } from './verify';

/**
 * The webhook credentials (Finpass Webhook API, FinPro Webhook API) hold how deliveries are
 * verified: n8n encrypts them at rest and never exports them with a workflow.
 */

/** The secret field; `suggestion` is shown as placeholder and in the hint. */
export function secretProperty(description: string): INodeProperties {
	// Made when n8n loads the credential type (so new on every n8n start); the credential test and
	// the activation error suggest a brand-new one each time.
	const suggestion = suggestSecret();
	return {
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: suggestion,
		description: `${description} At least ${MIN_SECRET_LENGTH} characters; placeholders are refused when the workflow is activated`,
		hint: `Suggestion, freshly generated: ${suggestion}`,
	};
}

/** Signature header, encoding, timestamp header and window, shown when `show` holds. */
export function hmacCredentialProperties(defaultHeader: string, show?: IDisplayOptions['show']): INodeProperties[] {
	const displayOptions = show ? { show } : undefined;
	return [
		{
			displayName: 'Signature Header',
			name: 'signatureHeader',
			type: 'string',
			default: defaultHeader,
			required: true,
			displayOptions,
			description: 'The request header that carries the HMAC-SHA256 signature (case does not matter)',
		},
		{
			displayName: 'Signature Encoding',
			name: 'signatureEncoding',
			type: 'options',
			options: [
				{ name: 'Hex', value: 'hex' },
				{ name: 'Base64', value: 'base64' },
			],
			default: 'hex',
			displayOptions,
			description: 'How the signature is written in the header. A leading "sha256=" is accepted.',
		},
		{
			displayName: 'Timestamp Header',
			name: 'timestampHeader',
			type: 'string',
			default: '',
			displayOptions,
			placeholder: 'e.g. x-webhook-timestamp',
			description:
				'Optional. A header with the Unix time (seconds) of the delivery. When set, the signature must cover "&lt;timestamp&gt;.&lt;raw body&gt;" and deliveries outside the allowed window are refused. Re-deliveries are dropped either way (the trigger\'s Drop Duplicates Within option).',
		},
		{
			displayName: 'Timestamp Tolerance (Seconds)',
			name: 'timestampToleranceSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TOLERANCE_SECONDS,
			displayOptions,
			description: 'With a timestamp header: how far the timestamp may be from now, in the past or the future',
		},
	];
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** The verification settings a webhook credential holds (FinPro's has no mode: always HMAC). */
export function verificationFrom(data: ICredentialDataDecryptedObject): VerificationSettings {
	const mode = text(data.verification, 'hmacSha256') as VerificationMode;
	const tolerance = Number(data.timestampToleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
	return {
		mode,
		secret: text(data.secret),
		queryParameter: text(data.queryParameterName, 'token'),
		headerName: mode === 'hmacSha256' ? text(data.signatureHeader) : text(data.headerName),
		encoding: data.signatureEncoding === 'base64' ? 'base64' : 'hex',
		timestampHeader: text(data.timestampHeader),
		toleranceSeconds: Number.isFinite(tolerance) && tolerance > 0 ? tolerance : DEFAULT_TOLERANCE_SECONDS,
	};
}

/**
 * The credential test of both webhook credentials (run when the user saves one): nothing is sent
 * anywhere, the secret is only checked the way activation will check it.
 */
export async function testWebhookCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problem = secretProblem(text(credential.data?.secret));
	return problem
		? { status: 'Error', message: `${problem}. ${secretAdvice()}` }
		: { status: 'OK', message: 'The secret is long and random enough' };
}
