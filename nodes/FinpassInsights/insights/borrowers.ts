import type { IDataObject } from 'n8n-workflow';

import { borrowerOf, readBorrowers, type BorrowerData } from './rows';

/** One borrower's data as read from its input items, with the reasons its unusable items were left out. */
export interface BorrowerRead {
	/** Undefined when none of the borrower's items held transactions. */
	borrower: BorrowerData | undefined;
	/** Items that could not be used, by their index in the whole input. */
	errors: Array<{ item: number; message: string }>;
}

/**
 * Input items → their borrowers (client_id / consentID), one at a time in the order first seen,
 * each read only when the caller asks for it. A caller that is done with one borrower before it
 * takes the next holds one borrower's rows at a time, not the whole batch's: a scheduled run over
 * hundreds of reports then keeps its memory, and its garbage collection, small.
 * Reads exactly what readBorrowers reads; item indexes are those of the whole input.
 */
export function* borrowersOneByOne(items: readonly IDataObject[]): Generator<BorrowerRead> {
	const groups = new Map<string, number[]>();
	items.forEach((json, item) => {
		const key = borrowerOf(json);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	});
	for (const indexes of groups.values()) {
		const { borrowers, errors } = readBorrowers(indexes.map((item) => items[item]));
		// every item of a group names the same borrower, so there is at most one
		const [borrower] = borrowers;
		yield {
			borrower: borrower && { ...borrower, items: borrower.items.map((k) => indexes[k]) },
			errors: errors.map(({ item, message }) => ({ item: indexes[item], message })),
		};
	}
}
