import type { NodeApiError } from 'n8n-workflow';

import { isLoopbackHost } from './address';

// What the transport's errors say beyond the vendor's own words: where it tried, and what to check.

/**
 * NodeApiError swaps any message that mentions a common error code (ECONNRESET, 404…) for a
 * generic sentence; the vendor's own words are more useful, so they are set afterwards.
 */
export function withMessage(error: NodeApiError, message: string): NodeApiError {
	error.message = message;
	return error;
}

/** A Base URL as it may be shown: scheme, host, port and path only (never a user, password or query). */
export function shownBaseUrl(baseUrl: string): string {
	try {
		const url = new URL(baseUrl);
		return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
	} catch {
		return 'the Base URL (not a valid URL)';
	}
}

/** What to do when nothing answered at the Base URL (connection refused, host name not found). */
export function unreachableHint(baseUrl: string, vendor: string): string {
	const shown = shownBaseUrl(baseUrl);
	let host = '';
	try {
		host = new URL(baseUrl).hostname;
	} catch {
		return `Nothing answered: check the Base URL in the ${vendor} credential.`;
	}
	const base = `Nothing answered at ${shown}, the Base URL in the ${vendor} credential: check it (scheme, host and port).`;
	if (isLoopbackHost(host) || host === 'host.docker.internal') {
		return (
			`${base} If n8n runs in Docker, 127.0.0.1 and localhost are the container itself, not your computer: ` +
			'use http://host.docker.internal:<port> as the Base URL (on Linux, start the container with ' +
			'--add-host=host.docker.internal:host-gateway), or run the simulator inside the container. ' +
			'Otherwise make sure the simulator is running.'
		);
	}
	return `${base} Also check that n8n can reach that host (DNS, proxy, firewall).`;
}

export function hintFor(statusCode: number, code: string | undefined, vendor: string): string | undefined {
	if (statusCode === 401 || statusCode === 403 || code === 'Unauthorized') {
		return `${vendor} rejected the credentials: check the API key/secret and that the base URL is the host they were issued for.`;
	}
	if (statusCode === 404) {
		return (
			`${vendor} found nothing at this address or for this ID. Check that the credential's Base URL is the ` +
			'environment the ID was created in (UAT and production are separate: an ID from one is unknown to the other), ' +
			'and that the client ID or other ID in the node is copied exactly.'
		);
	}
	if (statusCode === 429 || code === 'RateLimitExceeded') {
		return `${vendor} is rate limiting: in the node's Request Options, lower Concurrency or set Max Requests per Second.`;
	}
	return undefined;
}
