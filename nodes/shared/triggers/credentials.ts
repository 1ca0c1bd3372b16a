import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDisplayOptions,
	INodeCredentialTestResult,
	INodeProperties,
} from 'n8n-workflow';

import { secretAdvice, secretProblem, suggestSecret, MIN_SECRET_LENGTH } from './secret';
import { DEFAULT_TOLERANCE_SECONDS, MAX_TOLERANCE_SECONDS, toleranceProblem } from '../webhooks/verify';
import type { VerificationMode, VerificationSettings } from '../webhooks/verify';

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
			typeOptions: { minValue: 1, maxValue: MAX_TOLERANCE_SECONDS },
			default: DEFAULT_TOLERANCE_SECONDS,
			displayOptions,
			description: `With a timestamp header: how far the timestamp may be from now, in the past or the future (at most ${MAX_TOLERANCE_SECONDS} s). The trigger remembers deliveries for at least twice this long.`,
		},
	];
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** The verification settings a webhook credential holds (FinPro's has no mode: always HMAC). */
export function verificationFrom(data: ICredentialDataDecryptedObject): VerificationSettings {
	const mode = text(data.verification, 'hmacSha256') as VerificationMode;
	// as set: a value outside 1 s to 1 hour (or not a number) refuses every signed delivery
	const raw = data.timestampToleranceSeconds;
	const tolerance = raw === undefined || raw === null || raw === '' ? DEFAULT_TOLERANCE_SECONDS : Number(raw);
	return {
		mode,
		secret: text(data.secret),
		queryParameter: text(data.queryParameterName, 'token'),
		headerName: mode === 'hmacSha256' ? text(data.signatureHeader) : text(data.headerName),
		encoding: data.signatureEncoding === 'base64' ? 'base64' : 'hex',
		timestampHeader: text(data.timestampHeader),
		toleranceSeconds: tolerance,
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
	const data = credential.data ?? {};
	const problem = secretProblem(text(data.secret));
	if (problem) return { status: 'Error', message: `${problem}. ${secretAdvice()}` };
	const setting = verificationProblem(verificationFrom(data));
	if (setting) return { status: 'Error', message: setting };
	return { status: 'OK', message: 'The secret is long and random enough' };
}

/**
 * What makes the verification settings unusable besides the secret: a timestamp tolerance out of
 * range (only read when a timestamp header is set). Undefined when usable.
 */
export function verificationProblem(settings: VerificationSettings): string | undefined {
	if (settings.mode !== 'hmacSha256' || (settings.timestampHeader ?? '').trim() === '') return undefined;
	return toleranceProblem(settings.toleranceSeconds);
}
