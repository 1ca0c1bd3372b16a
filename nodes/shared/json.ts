import type { IDataObject } from 'n8n-workflow';

// Plain JSON helpers every layer reads answers with. A leaf: imports nothing of ours.

/** A plain JSON object (not an array, not a Buffer). */
export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

/** The value when it is a plain JSON object, else an empty one. */
export function asObject(value: unknown): IDataObject {
	return isObject(value) ? value : {};
}

/** A string with something in it, else undefined. */
export const nonEmptyString = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;
