import { sleep } from 'n8n-workflow';

/** What a report file starts with. */
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** Why a body was refused (download.ts turns each into its error). */
export type BodyRefusal = 'too_large' | 'not_pdf' | 'idle' | 'total';

export interface BodyLimits {
	cap: number;
	expectPdf: boolean;
	idleMs: number;
	deadline: number;
}

function checkWhole(bytes: Buffer, limits: BodyLimits): Buffer | BodyRefusal {
	if (bytes.length > limits.cap) return 'too_large';
	if (limits.expectPdf && !bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return 'not_pdf';
	return bytes;
}

/** Longest single wait while reading: a cancelled execution is noticed at least this often. */
const SLICE_MS = 250;

/**
 * Reads a streamed body into one Buffer. Stops (and closes the stream) past `cap` bytes, as soon
 * as the first bytes show it is not a PDF where one is expected, when no byte arrives for
 * `idleMs`, or at the deadline: a server that trickles bytes cannot hold the item open.
 */
export async function readBody(body: unknown, limits: BodyLimits, isCancelled: () => boolean): Promise<Buffer | BodyRefusal | 'cancelled'> {
	if (Buffer.isBuffer(body)) return checkWhole(body, limits);
	if (body instanceof ArrayBuffer) return checkWhole(Buffer.from(body), limits);
	if (typeof body === 'string') return checkWhole(Buffer.from(body, 'latin1'), limits);
	const stream = body as AsyncIterable<Buffer | string> & { destroy?: () => void };
	const iterator = stream[Symbol.asyncIterator]();
	const chunks: Buffer[] = [];
	let size = 0;
	let checkedMagic = !limits.expectPdf;
	let lastByteAt = Date.now();
	let pending = iterator.next();
	const stop = <T extends BodyRefusal | 'cancelled'>(why: T): T => {
		// the pending read ends with the stream's destruction: nothing may wait on it unhandled
		pending.catch(() => undefined);
		stream.destroy?.();
		return why;
	};
	for (;;) {
		const now = Date.now();
		if (isCancelled()) return stop('cancelled');
		if (now >= limits.deadline) return stop('total');
		if (now - lastByteAt >= limits.idleMs) return stop('idle');
		const wait = Math.min(SLICE_MS, limits.deadline - now, lastByteAt + limits.idleMs - now);
		const step = await Promise.race([pending, sleep(wait).then(() => 'slice' as const)]);
		if (step === 'slice') continue;
		if (step.done) break;
		lastByteAt = Date.now();
		const bytes = Buffer.isBuffer(step.value) ? step.value : Buffer.from(step.value);
		size += bytes.length;
		if (size > limits.cap) return stop('too_large');
		chunks.push(bytes);
		if (!checkedMagic && size >= PDF_MAGIC.length) {
			if (!Buffer.concat(chunks).subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return stop('not_pdf');
			checkedMagic = true;
		}
		pending = iterator.next();
	}
	return checkWhole(Buffer.concat(chunks), limits);
}
