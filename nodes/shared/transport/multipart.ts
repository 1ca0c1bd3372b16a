import { randomBytes } from 'crypto';

/**
 * A small multipart/form-data encoder (RFC 7578). n8n's import allowlist rules out the form-data
 * package, and the transport sends a Buffer body unchanged, so uploads are built here: file bytes
 * are copied as they are (no text conversion), field names and file names are escaped the way
 * browsers do (WHATWG: `"` → %22, CR → %0D, LF → %0A; other characters as UTF-8).
 */
export interface MultipartField {
	name: string;
	value: string;
}

export interface MultipartFile {
	name: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

export type MultipartPart = MultipartField | MultipartFile;

export interface MultipartBody {
	body: Buffer;
	boundary: string;
	/** The value for the request's content-type header. */
	contentType: string;
}

const CRLF = '\r\n';

/** RFC 2046 boundary: 1-70 of these characters, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

const escapeQuoted = (text: string): string =>
	text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

const isFile = (part: MultipartPart): part is MultipartFile => 'data' in part;

export function randomBoundary(): string {
	return `----FinpassFormBoundary${randomBytes(16).toString('hex')}`;
}

export function encodeMultipart(parts: MultipartPart[], boundary?: string): MultipartBody {
	if (boundary !== undefined && !BOUNDARY.test(boundary)) {
		throw new RangeError(`"${boundary}" is not a valid multipart boundary`);
	}
	// A random boundary cannot realistically occur in the data, but checking costs one scan.
	let chosen = boundary ?? randomBoundary();
	while (parts.some((part) => (isFile(part) ? part.data : Buffer.from(part.value, 'utf8')).includes(`--${chosen}`))) {
		if (boundary !== undefined) throw new RangeError('The multipart boundary occurs in the data');
		chosen = randomBoundary();
	}
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${chosen}${CRLF}Content-Disposition: form-data; name="${escapeQuoted(part.name)}"`;
		if (isFile(part)) {
			head += `; filename="${escapeQuoted(part.fileName)}"${CRLF}`;
			head += `Content-Type: ${part.contentType.replace(/[\r\n]/g, '') || 'application/octet-stream'}${CRLF}${CRLF}`;
			chunks.push(Buffer.from(head, 'utf8'), part.data, Buffer.from(CRLF, 'utf8'));
		} else {
			head += `${CRLF}${CRLF}`;
			chunks.push(Buffer.from(`${head}${part.value}${CRLF}`, 'utf8'));
		}
	}
	chunks.push(Buffer.from(`--${chosen}--${CRLF}`, 'utf8'));
	return {
		body: Buffer.concat(chunks),
		boundary: chosen,
		contentType: `multipart/form-data; boundary=${chosen}`,
	};
}
