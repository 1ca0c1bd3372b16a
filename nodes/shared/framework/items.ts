import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asObject } from '../json';
import { choiceProperty } from './descriptions';


/** JSON items from vendor payloads. */
export function jsonItems(data: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
}

/** The three ways an answer can be split into items. */
export type SplitLevel = 'whole' | 'group' | 'row';

/**
 * How to take one answer apart: its groups (bank accounts, an EPFO member, …), each group's rows
 * (transactions, employment records), and what each level's item holds.
 */
export interface SplitSpec {
	/** The whole answer's item (e.g. the report with a reconciliation added). */
	whole?(): IDataObject;
	groups: IDataObject[];
	group(group: IDataObject, groupIndex: number): IDataObject;
	/**
	 * A group's rows and how each becomes an item (work shared by a group's rows, such as its
	 * reconciliation, is done once here); undefined when the group has no rows to list.
	 * Every row is kept: the vendors repeat transaction ids on rows that differ (docs/api-contract.md#sources, the digest).
	 */
	rows(group: IDataObject, groupIndex: number):
		| { rows: unknown[]; row(row: IDataObject, rowIndex: number): IDataObject }
		| undefined;
}

/** The one splitter behind every "One Item per Report / Account / Transaction" choice. */
export function splitItems(level: SplitLevel, spec: SplitSpec): INodeExecutionData[] {
	if (level === 'whole' && spec.whole) return jsonItems(spec.whole());
	if (level !== 'row') return spec.groups.map((group, index) => ({ json: spec.group(group, index) }));
	const items: INodeExecutionData[] = [];
	spec.groups.forEach((group, groupIndex) => {
		const listed = spec.rows(group, groupIndex);
		if (!listed || !Array.isArray(listed.rows)) return;
		listed.rows.forEach((row, rowIndex) => {
			items.push({ json: listed.row(asObject(row), rowIndex) });
		});
	});
	return items;
}

/** The "Output" choice of an operation that can split its answer. */
export function outputProperty(
	choices: Array<{ name: string; value: string; description: string }>,
	defaultValue: string,
	description = 'How to split the answer into items',
): INodeProperties {
	return choiceProperty('Output', 'output', choices, defaultValue, { description });
}
