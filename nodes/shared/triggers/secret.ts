import { randomBytes } from 'node:crypto';

/**
 * Is a webhook secret good enough to guard a lending workflow? Refused: shorter than 24
 * characters, a placeholder left in from an example (REPLACE_WITH_…, changeme, <your secret>, …)
 * or so repetitive that it is guessable.
 */

export const MIN_SECRET_LENGTH = 24;

/** Words that only appear in secrets nobody chose: template and documentation placeholders. */
const PLACEHOLDER =
	/REPLACE[\s_-]*(WITH|ME)|CHANGE[\s_-]*ME|YOUR[\s_-]*(WEBHOOK[\s_-]*)?(SECRET|TOKEN|KEY)|PLACEHOLDER|EXAMPLE|[<>{}]|^[\s_-]*(SECRET|TOKEN|PASSWORD|TEST|DUMMY|TODO)[\s_-]*$/i;

/** A new random secret: 32 bytes, base64url (43 characters). */
export function suggestSecret(): string {
	return randomBytes(32).toString('base64url');
}

/** What is wrong with the secret, or undefined when it is acceptable. */
export function secretProblem(secret: string): string | undefined {
	if (secret.trim() === '') return 'The webhook credential has no secret';
	if (PLACEHOLDER.test(secret)) return 'The webhook secret is a placeholder, not a secret';
	if (secret.length < MIN_SECRET_LENGTH)
		return `The webhook secret is ${secret.length} characters long; at least ${MIN_SECRET_LENGTH} are needed`;
	if (new Set(secret).size < 8) return 'The webhook secret repeats too few characters to be hard to guess';
	return undefined;
}

/** What the user should do, with a fresh suggestion (never the same twice). */
export function secretAdvice(): string {
	return `Open the webhook credential and set a random secret of at least ${MIN_SECRET_LENGTH} characters (for example this freshly generated one: ${suggestSecret()}), give the same value to the sender (Finpass webhook URL or header, or the FinPro admin portal), then activate the workflow again.`;
}
