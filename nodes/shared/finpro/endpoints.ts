import type { Endpoint } from '../transport';

/** Every FinPro endpoint the nodes call: the one place a path and a method live. All are reads. */
export const FINPRO = {
	getFiData: { method: 'POST', path: '/getfidata', billed: false, leavesMark: false, idempotent: true },
	getAllFiData: { method: 'POST', path: '/getallfidata', billed: false, leavesMark: false, idempotent: true },
	getLatestData: { method: 'POST', path: '/getalllatestfidata', billed: false, leavesMark: false, idempotent: true },
	getBalance: { method: 'POST', path: '/getfibalance', billed: false, leavesMark: false, idempotent: true },
	// The client's document names the XML variant but not its path; FinPro's public pages show this one.
	getFiDataXml: { method: 'POST', path: '/xml/getfidata', billed: false, leavesMark: false, idempotent: true, assumed: { path: true } },
} as const satisfies Record<string, Endpoint>;
