/**
 * Migration …1200_reports_fixes.sql, on PGlite and on PostgreSQL: an agency cannot take
 * a code that one of the officers' screens' own addresses uses (/admin/central …).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callRpc, type Claims } from '../../src/lib/server/db/rpc.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';

async function failure(call: Promise<unknown>): Promise<{ code: string; message: string }> {
	try {
		await call;
	} catch (error) {
		const e = error as { code: string; message: string };
		return { code: e.code, message: e.message };
	}
	throw new Error('expected the call to be refused, and it succeeded');
}

describe.each(engines)('reserved agency codes on %s', (engine) => {
	let t: TestDatabase;
	const central: Claims = {
		role: 'authenticated',
		sub: randomUUID(),
		app_metadata: { ita_role: 'central' }
	};

	beforeAll(async () => {
		t = await freshDatabase(engine);
	});
	afterAll(() => t?.drop());

	test('central, login, logout and setup are refused with a message that says why; others are not', async () => {
		for (const code of ['central', 'login', 'logout', 'setup']) {
			const e = await failure(
				callRpc(t.db, central, 'save_agency', { code, name: { th: 'หน่วยงานทดสอบ' } })
			);
			expect(e.code).toBe('22023');
			expect(e.message).toBe('agency_code_reserved');
		}
		const ok = await callRpc<{ code: string }>(t.db, central, 'save_agency', {
			code: 'central-office',
			name: { th: 'สำนักงานกลาง' }
		});
		expect(ok.code).toBe('central-office');
		// Not even the service, writing to the table itself, can store one.
		await expect(
			t.db.query(`insert into public.agencies (code, name) values ('central', '{"th": "x"}')`)
		).rejects.toThrow(/agencies_code_not_reserved/);
	});
});
