/**
 * Paper forms while the server runs (issue 15): `ita import` cannot open the locked data
 * folder, so it sends the responses to the running server's API with the folder's
 * service key — the filled-in template as CSV, one verdict per row, nothing twice.
 * The server here runs on https with its own certificate (ITA_TLS_CERT) for its public
 * name, as an office without a proxy in front runs it: the command reaches it at 127.0.0.1
 * and checks the certificate against that name. And `ita import --help` answers with the
 * usage.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paperColumns, templateCsv } from '../../src/lib/admin/paper.ts';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { promisify } from 'node:util';
import { itaProcessWithEnv, runIta } from '../support/cli.ts';
import { EmbeddedServer } from '../support/server.ts';
import { migratedDataFolder } from '../support/templates.ts';

const publicName = 'ita.bangrak.example.go.th';
const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

describe('ita import while the server runs', () => {
	let dir: string;
	let server: EmbeddedServer;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'ita-cli-running-'));
		// A self-signed certificate for the office's name (what `tls internal` or a private CA
		// gives); the command trusts it as Node programs trust a private CA.
		await promisify(execFile)('openssl', [
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-days',
			'2',
			'-subj',
			`/CN=${publicName}`,
			'-addext',
			`subjectAltName=DNS:${publicName}`,
			'-keyout',
			join(dir, 'key.pem'),
			'-out',
			join(dir, 'cert.pem')
		]);
		server = new EmbeddedServer(join(dir, 'data'), 42000 + Math.floor(Math.random() * 3000), {
			ITA_TLS_CERT: join(dir, 'cert.pem'),
			ITA_TLS_KEY: join(dir, 'key.pem'),
			ITA_PUBLIC_URL: `https://${publicName}`
		});
		await migratedDataFolder(server.dataDir);
		await server.withDatabase((db) =>
			db.query(
				`insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on)
				select 'bang-rak-paper', agency_id, 'bma-2567', 2027, ita_private.today() - 5, ita_private.today() + 5
				from public.agencies where code = 'bang-rak'`
			)
		);
	}, 300_000);
	afterAll(async () => {
		await server?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	test('--help prints the usage and succeeds', async () => {
		const out = await runIta(['import', '--help']);
		expect(out.code).toBe(0);
		expect(out.stdout).toMatch(/import --round <code> <file>/);
		expect(out.stdout).toMatch(/\.csv or \.xlsx/);
	});

	test('the filled-in CSV template goes to the running server: a verdict per row, nothing stored twice', async () => {
		const columns = paperColumns(bma, 'eit');
		const keys = columns.map((c) => c.key);
		const row = (answer: string) =>
			keys
				.map((k) => (k.startsWith('variant:') ? 'permit' : /^E\d+\.\d+$/.test(k) ? answer : ''))
				.join(',');
		const missing = row('4').split(',');
		missing[keys.indexOf('E2.1')] = '';
		const file = join(dir, 'paper.csv');
		await writeFile(
			file,
			templateCsv(columns) + [row('4'), row('3'), missing.join(',')].join('\n')
		);

		const data = join(dir, 'data');
		const trust = { NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') };
		const importIt = () =>
			itaProcessWithEnv(trust, 'import', '--round', 'bang-rak-paper', '--data', data, file);
		const first = await importIt();
		expect(first.stdout).toContain(`The server at https://127.0.0.1:${server.port} is running`);
		expect(first.stdout).toContain('2 stored, 0 already there, 1 refused (of 3 lines)');
		expect(first.stderr).toMatch(/line 5: missing_item: .*E2\.1/);
		expect(first.code).toBe(1);

		// Again (a process of its own: Node trusts the certificate's CA only from its start).
		const second = await importIt();
		expect(second.stdout).toContain('0 stored, 2 already there, 1 refused');

		const stored = await server.withDatabase((db) =>
			db.query<{ n: number }>(
				`select count(*)::int as n from public.responses p join public.rounds r using (round_id)
				where r.code = 'bang-rak-paper' and p.channel = 'paper'`
			)
		);
		expect(stored[0].n).toBe(2);
	});
});
