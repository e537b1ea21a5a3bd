/**
 * Setting up an office, acting as each caller in turn: anonymous (a respondent's
 * phone), an officer of agency A (Bang Rak), an officer of agency B (Samphanthawong),
 * a central administrator, and a signed-in user with no ITA role. Each can do what its
 * role needs and nothing else; an officer asking about another agency hears what they
 * would hear about one that does not exist.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { frameworksDir, readFrameworkFile } from '../../src/lib/server/db/frameworks.ts';
import { anon, asCaller, callRpc, service, type Claims } from '../../src/lib/server/db/rpc.ts';
import { engines, freshDatabase, type TestDatabase } from '../support/databases.ts';
import { favourableResponse } from '../support/fixtures.ts';

const bma = await readFrameworkFile(`${frameworksDir()}/bma-2567.json`);

/** The 50 districts of Bangkok (geocodes 1001–1050), as the Department of Provincial Administration lists them. */
const districts: [string, string][] = [
	['phra-nakhon', 'พระนคร'],
	['dusit', 'ดุสิต'],
	['nong-chok', 'หนองจอก'],
	['bang-rak', 'บางรัก'],
	['bang-khen', 'บางเขน'],
	['bang-kapi', 'บางกะปิ'],
	['pathum-wan', 'ปทุมวัน'],
	['pom-prap-sattru-phai', 'ป้อมปราบศัตรูพ่าย'],
	['phra-khanong', 'พระโขนง'],
	['min-buri', 'มีนบุรี'],
	['lat-krabang', 'ลาดกระบัง'],
	['yan-nawa', 'ยานนาวา'],
	['samphanthawong', 'สัมพันธวงศ์'],
	['phaya-thai', 'พญาไท'],
	['thon-buri', 'ธนบุรี'],
	['bangkok-yai', 'บางกอกใหญ่'],
	['huai-khwang', 'ห้วยขวาง'],
	['khlong-san', 'คลองสาน'],
	['taling-chan', 'ตลิ่งชัน'],
	['bangkok-noi', 'บางกอกน้อย'],
	['bang-khun-thian', 'บางขุนเทียน'],
	['phasi-charoen', 'ภาษีเจริญ'],
	['nong-khaem', 'หนองแขม'],
	['rat-burana', 'ราษฎร์บูรณะ'],
	['bang-phlat', 'บางพลัด'],
	['din-daeng', 'ดินแดง'],
	['bueng-kum', 'บึงกุ่ม'],
	['sathon', 'สาทร'],
	['bang-sue', 'บางซื่อ'],
	['chatuchak', 'จตุจักร'],
	['bang-kho-laem', 'บางคอแหลม'],
	['prawet', 'ประเวศ'],
	['khlong-toei', 'คลองเตย'],
	['suan-luang', 'สวนหลวง'],
	['chom-thong', 'จอมทอง'],
	['don-mueang', 'ดอนเมือง'],
	['ratchathewi', 'ราชเทวี'],
	['lat-phrao', 'ลาดพร้าว'],
	['watthana', 'วัฒนา'],
	['bang-khae', 'บางแค'],
	['lak-si', 'หลักสี่'],
	['sai-mai', 'สายไหม'],
	['khan-na-yao', 'คันนายาว'],
	['saphan-sung', 'สะพานสูง'],
	['wang-thonglang', 'วังทองหลาง'],
	['khlong-sam-wa', 'คลองสามวา'],
	['bang-na', 'บางนา'],
	['thawi-watthana', 'ทวีวัฒนา'],
	['thung-khru', 'ทุ่งครุ'],
	['bang-bon', 'บางบอน']
];

/** The standard sections of a district office, as the seeds (and the demo office) list them. */
const standardSections: Record<string, string> = {
	administration: 'ฝ่ายปกครอง',
	registration: 'ฝ่ายทะเบียน',
	'public-works': 'ฝ่ายโยธา',
	environment: 'ฝ่ายสิ่งแวดล้อมและสุขาภิบาล',
	revenue: 'ฝ่ายรายได้',
	cleansing: 'ฝ่ายรักษาความสะอาดและสวนสาธารณะ',
	education: 'ฝ่ายการศึกษา',
	finance: 'ฝ่ายการคลัง',
	'city-law': 'ฝ่ายเทศกิจ',
	community: 'ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม'
};

interface Failure {
	code: string;
	message: string;
	hint?: string;
	detail?: string;
}

/** The error a call fails with (both engines give SQLSTATE, message and hint). */
async function failure(call: Promise<unknown>): Promise<Failure> {
	try {
		await call;
	} catch (error) {
		const e = error as Failure;
		return { code: e.code, message: e.message, hint: e.hint, detail: e.detail };
	}
	throw new Error('expected the call to be refused, and it succeeded');
}

/** A day counted from today in Thailand, YYYY-MM-DD. */
function day(offset: number): string {
	return new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

interface AgencyView {
	code: string;
	name: { th: string; en?: string };
	sections: { code: string; name: { th: string }; kind: string; servicePoints: number }[];
	servicePoints: { code: string; name: { th: string }; section: string | null }[];
	rounds: {
		code: string;
		status: string;
		minIit: number;
		minEit: number;
		iitAccessCode: string | null;
		respondents: { iit: number; eit: number };
	}[];
}

interface OitItem {
	question: string;
	score: number | null;
	evidenceUrl: string | null;
}

/** Every function this migration adds, with arguments naming agency A (Bang Rak) or its round. */
const adminCalls = (round: string): [string, Record<string, unknown>][] => [
	['list_agency', { agency_code: 'bang-rak' }],
	['save_agency', { code: 'bang-rak', name: { th: 'เขตบางรัก' }, update_existing: true }],
	['save_section', { agency_code: 'bang-rak', code: 'new-desk', name: { th: 'งานใหม่' } }],
	[
		'save_section',
		{ agency_code: 'bang-rak', code: 'registration', name: { th: 'x' }, update_existing: true }
	],
	['delete_section', { agency_code: 'bang-rak', code: 'finance' }],
	['save_service_point', { agency_code: 'bang-rak', code: 'new-1', name: { th: 'ช่องใหม่' } }],
	[
		'save_service_point',
		{ agency_code: 'bang-rak', code: 'registration-1', name: { th: 'x' }, update_existing: true }
	],
	['delete_service_point', { agency_code: 'bang-rak', code: 'revenue-1' }],
	[
		'create_round',
		{
			agency_code: 'bang-rak',
			code: 'bang-rak-extra',
			framework: 'bma-2567',
			fiscal_year: 2025,
			opens_on: day(0),
			closes_on: day(30)
		}
	],
	[
		'update_round',
		{
			round_code: round,
			framework: 'bma-2567',
			fiscal_year: 2025,
			opens_on: day(0),
			closes_on: day(1),
			iit_access_code: null,
			target_staff: 1,
			min_iit: 1,
			min_eit: 1,
			allow_repeat: false
		}
	],
	['set_round_status', { round_code: round, status: 'closed' }],
	['delete_round', { round_code: round }],
	['set_oit_evidence', { round_code: round, question_id: 'O2', url: 'https://evil.example/' }],
	['list_oit_scores', { round_code: round }]
];

describe.each(engines)('setting up an office on %s', (engine) => {
	let t: TestDatabase;
	let officerA: Claims;
	let officerB: Claims;
	const central: Claims = {
		role: 'authenticated',
		sub: randomUUID(),
		app_metadata: { ita_role: 'central' }
	};
	// Signed in (say, a Supabase user nobody has given a role yet), but nobody's officer.
	const stranger: Claims = { role: 'authenticated', sub: randomUUID() };
	const roundA = 'bang-rak-2568';
	const roundB = 'samphanthawong-2568';
	let agencyIds: Record<string, string>;

	const view = (claims: Claims, agency: string) =>
		callRpc<AgencyView>(t.db, claims, 'list_agency', { agency_code: agency });
	const roundCount = async () =>
		(await t.db.query<{ n: number }>('select count(*)::int as n from public.rounds'))[0].n;

	beforeAll(async () => {
		t = await freshDatabase(engine);
		const rows = await t.db.query<{ code: string; agency_id: string }>(
			'select code, agency_id from public.agencies'
		);
		agencyIds = Object.fromEntries(rows.map((r) => [r.code, r.agency_id]));
		officerA = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer', agency_id: agencyIds['bang-rak'] }
		};
		officerB = {
			role: 'authenticated',
			sub: randomUUID(),
			app_metadata: { ita_role: 'officer', agency_id: agencyIds.samphanthawong }
		};
	});
	afterAll(() => t?.drop());

	test('a new database has the 50 Bangkok district offices, each with the ten standard sections', async () => {
		const agencies = await callRpc<{ code: string; name: { th: string; en: string } }[]>(
			t.db,
			central,
			'list_agencies'
		);
		expect(agencies).toHaveLength(50);
		expect(Object.fromEntries(agencies.map((a) => [a.code, a.name.th]))).toEqual(
			Object.fromEntries(districts.map(([code, th]) => [code, `สำนักงานเขต${th}`]))
		);
		expect(agencies.find((a) => a.code === 'wang-thonglang')!.name.en).toBe(
			'Wang Thonglang District Office'
		);

		const sections = await t.db.query<{ agency: string; sections: Record<string, string> }>(
			`select a.code as agency, jsonb_object_agg(s.code, s.name ->> 'th') as sections
			from public.agencies a join public.sections s using (agency_id)
			where s.kind = 'section' group by a.code`
		);
		expect(sections).toHaveLength(50);
		for (const s of sections) expect(s.sections, s.agency).toEqual(standardSections);

		// Applying the seed again (a re-run, a later migration) adds and changes nothing.
		const [{ added }] = await t.db.query<{ added: number }>(
			'select ita_private.add_bangkok_districts() as added'
		);
		expect(added).toBe(0);
		const [{ n }] = await t.db.query<{ n: number }>(
			'select count(*)::int as n from public.sections'
		);
		expect(n).toBe(500);
	});

	test('an officer sets up their own office: a school, two counters and a round', async () => {
		await callRpc(t.db, officerA, 'save_section', {
			agency_code: 'bang-rak',
			code: 'wat-hualamphong-school',
			name: { th: 'โรงเรียนวัดหัวลำโพง', en: '  Wat Hualamphong School ' },
			kind: 'school'
		});
		await callRpc(t.db, officerA, 'save_service_point', {
			agency_code: 'bang-rak',
			code: 'registration-1',
			name: { th: 'ฝ่ายทะเบียน ช่อง 1' },
			section_code: 'registration'
		});
		await callRpc(t.db, officerA, 'save_service_point', {
			agency_code: 'bang-rak',
			code: 'revenue-1',
			name: { th: 'ฝ่ายรายได้ ช่อง 1' },
			section_code: 'revenue'
		});
		const round = await callRpc<AgencyView['rounds'][number]>(t.db, officerA, 'create_round', {
			agency_code: 'bang-rak',
			code: roundA,
			framework: 'bma-2567',
			fiscal_year: 2025,
			opens_on: day(-1),
			closes_on: day(60),
			iit_access_code: 'br2568',
			target_staff: 180
		});
		// The FY2566 BMA documents ask for at least 400 answers to each survey.
		expect(round).toMatchObject({ code: roundA, status: 'open', minIit: 400, minEit: 400 });

		const office = await view(officerA, 'bang-rak');
		expect(office.name.th).toBe('สำนักงานเขตบางรัก');
		expect(office.sections.find((s) => s.kind === 'school')).toEqual({
			code: 'wat-hualamphong-school',
			name: { th: 'โรงเรียนวัดหัวลำโพง', en: 'Wat Hualamphong School' },
			kind: 'school',
			servicePoints: 0
		});
		expect(office.servicePoints.map((p) => [p.code, p.section])).toEqual([
			['registration-1', 'registration'],
			['revenue-1', 'revenue']
		]);
		expect(office.rounds.map((r) => [r.code, r.iitAccessCode])).toEqual([[roundA, 'br2568']]);

		// The counter's QR code leads to the survey, with the counter named.
		const q = await callRpc<{ servicePoint: { code: string } }>(t.db, anon, 'get_questionnaire', {
			round_code: roundA,
			service_point: 'registration-1'
		});
		expect(q.servicePoint.code).toBe('registration-1');

		await callRpc(t.db, officerB, 'create_round', {
			agency_code: 'samphanthawong',
			code: roundB,
			framework: 'bma-2567',
			fiscal_year: 2025,
			opens_on: day(-1),
			closes_on: day(60)
		});
		const submitted = await callRpc<{ accepted: number }>(t.db, anon, 'submit_responses', {
			batch: [
				{ ...favourableResponse(bma, roundA, 'eit'), servicePoint: 'registration-1' },
				favourableResponse(bma, roundB, 'eit')
			]
		});
		expect(submitted.accepted).toBe(2);
	});

	test('a duplicate service-point code is refused with a clear message, and nothing changes', async () => {
		const before = await view(officerA, 'bang-rak');
		const refused = await failure(
			callRpc(t.db, officerA, 'save_service_point', {
				agency_code: 'bang-rak',
				code: 'registration-1',
				name: { th: 'ฝ่ายรายได้ ช่อง 2' },
				section_code: 'revenue'
			})
		);
		expect(refused.code).toBe('23505');
		// A code of the screens' catalogue, its parameters, and an English hint for API users.
		expect(refused.message).toBe('service_point_code_taken');
		expect(JSON.parse(refused.detail ?? '{}')).toEqual({
			field: 'code',
			servicePoint: 'registration-1',
			name: 'ฝ่ายทะเบียน ช่อง 1'
		});
		expect(refused.hint).toBe(
			'agency bang-rak already has a service point with the code registration-1 ("ฝ่ายทะเบียน ช่อง 1"); ' +
				'choose another code, or edit that service point'
		);
		expect(await view(officerA, 'bang-rak')).toEqual(before);

		// Editing is asked for in so many words, and only edits what exists.
		const missing = await failure(
			callRpc(t.db, officerA, 'save_service_point', {
				agency_code: 'bang-rak',
				code: 'registration-9',
				name: { th: 'ช่อง 9' },
				update_existing: true
			})
		);
		expect(missing).toMatchObject({
			code: 'PT404',
			message: 'service_point_unknown',
			hint: 'agency bang-rak has no service point registration-9 to edit'
		});
		expect(await view(officerA, 'bang-rak')).toEqual(before);

		const renamed = await callRpc(t.db, officerA, 'save_service_point', {
			agency_code: 'bang-rak',
			code: 'registration-1',
			name: { th: 'ฝ่ายทะเบียน ช่องบริการด่วน' },
			section_code: 'registration',
			update_existing: true
		});
		expect(renamed).toEqual({
			code: 'registration-1',
			name: { th: 'ฝ่ายทะเบียน ช่องบริการด่วน' },
			section: 'registration'
		});

		// The same for sections; the same code in another agency is no conflict.
		const section = await failure(
			callRpc(t.db, officerA, 'save_section', {
				agency_code: 'bang-rak',
				code: 'revenue',
				name: { th: 'ฝ่ายรายได้ใหม่' }
			})
		);
		expect(section.code).toBe('23505');
		expect(section.message).toBe('section_code_taken');
		expect(section.hint).toMatch(/^agency bang-rak already has a section with the code revenue/);
		await callRpc(t.db, officerB, 'save_service_point', {
			agency_code: 'samphanthawong',
			code: 'registration-1',
			name: { th: 'ฝ่ายทะเบียน ช่อง 1' }
		});
	});

	test('bad input is refused with a message saying what to fix, and nothing is saved', async () => {
		const rounds = await roundCount();
		const round = {
			agency_code: 'bang-rak',
			code: 'bang-rak-2569',
			framework: 'bma-2567',
			fiscal_year: 2026,
			opens_on: day(0),
			closes_on: day(30)
		};
		const refused = async (fn: string, args: Record<string, unknown>) => {
			const f = await failure(callRpc(t.db, officerA, fn, args));
			expect(f.code, f.message).toBe('22023');
			return f.message;
		};
		// A round's settings: every problem at once, each naming its field and a catalogue code.
		const problems = async (args: Record<string, unknown>) => {
			const f = await failure(callRpc(t.db, officerA, 'create_round', { ...round, ...args }));
			expect(f.code, f.message).toBe('22023');
			expect(f.message).toBe('round_invalid');
			return (JSON.parse(f.detail ?? '{}') as { problems: Record<string, unknown>[] }).problems;
		};
		expect(await problems({ fiscal_year: 2569 })).toEqual([
			{ field: 'fiscal_year', code: 'fiscal_year_buddhist', year: 2569, gregorian: 2026 }
		]);
		expect(await problems({ closes_on: day(-1) })).toEqual([
			{
				field: 'closes_on',
				code: 'round_closes_before_opens',
				opensOn: day(0),
				closesOn: day(-1)
			}
		]);
		expect(await problems({ code: 'Bang Rak 2569' })).toEqual([
			{ field: 'code', code: 'code_invalid', value: 'Bang Rak 2569' }
		]);
		expect(await problems({ framework: 'nacc-2599' })).toEqual([
			{ field: 'framework', code: 'framework_unknown', framework: 'nacc-2599' }
		]);
		expect(await problems({ iit_access_code: 'abc' })).toEqual([
			{ field: 'iit_access_code', code: 'iit_access_code_length' }
		]);
		expect(await problems({ min_iit: -1 })).toEqual([{ field: 'min_iit', code: 'count_invalid' }]);
		expect(
			(
				await problems({
					code: 'Bang Rak',
					fiscal_year: 2569,
					closes_on: day(-1),
					iit_access_code: 'abc',
					min_eit: -5
				})
			).map((p) => p.field)
		).toEqual(['code', 'fiscal_year', 'closes_on', 'iit_access_code', 'min_eit']);
		// The same list without changing anything, for a form that checked some fields itself.
		expect(
			await callRpc(t.db, officerA, 'round_settings_problems', {
				round_code: null,
				...round,
				fiscal_year: null,
				min_eit: -1
			})
		).toEqual([
			{ field: 'fiscal_year', code: 'fiscal_year_missing' },
			{ field: 'min_eit', code: 'count_invalid' }
		]);
		expect(
			await refused('save_section', { agency_code: 'bang-rak', code: 'desk', name: { en: 'x' } })
		).toBe('name_th_missing');
		expect(
			await refused('save_section', {
				agency_code: 'bang-rak',
				code: 'desk',
				name: { th: 'งาน' },
				kind: 'department'
			})
		).toBe('section_kind_invalid');
		expect(
			await refused('save_service_point', {
				agency_code: 'bang-rak',
				code: 'tax-1',
				name: { th: 'ภาษี' },
				section_code: 'tax'
			})
		).toBe('section_unknown');
		expect(await refused('set_round_status', { round_code: roundA, status: 'paused' })).toBe(
			'round_status_invalid'
		);
		expect(await roundCount()).toBe(rounds);

		// Round codes are unique across agencies.
		const taken = await failure(
			callRpc(t.db, officerA, 'create_round', { ...round, code: roundB })
		);
		expect(taken.code).toBe('23505');
		expect(taken.message).toBe('round_invalid');
		expect(JSON.parse(taken.detail ?? '{}')).toEqual({
			problems: [
				{
					field: 'code',
					code: 'round_code_taken',
					value: roundB,
					suggestion: 'bang-rak-2569'
				}
			]
		});
		expect(await roundCount()).toBe(rounds);
	});

	test("officer B can neither read nor change agency A's office, rounds, responses or results", async () => {
		const before = await view(officerA, 'bang-rak');
		const rounds = await roundCount();
		for (const [fn, args] of adminCalls(roundA)) {
			const f = await failure(callRpc(t.db, officerB, fn, args));
			// Word for word what an unknown code gets, so that codes cannot be probed.
			expect(f.code, fn).toBe('PT404');
			expect(f.message, fn).toMatch(/^(agency|round)_not_managed$/);
			expect(f.hint, fn).toMatch(/^no (agency bang-rak|round bang-rak-2568) that you may manage$/);
		}
		expect(
			(await failure(callRpc(t.db, officerB, 'list_agency', { agency_code: 'no-such-district' })))
				.message
		).toBe('agency_not_managed');
		await expect(callRpc(t.db, officerB, 'round_results', { round_code: roundA })).rejects.toThrow(
			/^round_not_managed$/
		);
		const listed = await callRpc<{ code: string }[]>(t.db, officerB, 'list_agencies');
		expect(listed.map((a) => a.code)).toEqual(['samphanthawong']);

		// No table is readable directly by a signed-in caller, so nothing of A's shows there.
		for (const table of [
			'agencies',
			'sections',
			'service_points',
			'rounds',
			'oit_scores',
			'answer_counts',
			'respondent_counts',
			'demographic_counts'
		]) {
			await expect(
				asCaller(t.db, officerB, (tx) => tx.query(`select count(*) from public.${table}`)),
				table
			).rejects.toThrow(/permission denied/);
		}
		// …while A sees its own round's response, through the results (raw rows are closed).
		const own = await callRpc<{ respondents: { eit: number } }>(t.db, officerA, 'round_results', {
			round_code: roundA
		});
		expect(own.respondents.eit).toBe(1);

		expect(await view(officerA, 'bang-rak')).toEqual(before);
		expect(await roundCount()).toBe(rounds);
	});

	test('nobody changes a table directly, not even their own rows: the functions are the way', async () => {
		const tables = await t.db.query<{ relname: string }>(
			`select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`
		);
		for (const claims of [officerA, central]) {
			for (const { relname } of tables) {
				await expect(
					asCaller(t.db, claims, (tx) => tx.query(`delete from public.${relname}`)),
					relname
				).rejects.toThrow(/permission denied/);
			}
			await expect(
				asCaller(t.db, claims, (tx) =>
					tx.query(`update public.service_points set code = 'hijacked'`)
				)
			).rejects.toThrow(/permission denied/);
		}
	});

	test('a central administrator manages every agency and adds agencies; officers cannot add one', async () => {
		expect(await callRpc<unknown[]>(t.db, central, 'list_agencies')).toHaveLength(50);
		await callRpc(t.db, central, 'save_section', {
			agency_code: 'samphanthawong',
			code: 'school-wat-samphanthawong',
			name: { th: 'โรงเรียนวัดสัมพันธวงศ์' },
			kind: 'school'
		});
		expect((await view(officerB, 'samphanthawong')).sections.map((s) => s.code)).toContain(
			'school-wat-samphanthawong'
		);

		await callRpc(t.db, central, 'save_agency', {
			code: 'bma-central',
			name: { th: 'สำนักงาน ก.ก.', en: 'BMA Civil Service Commission Office' }
		});
		expect(
			await failure(callRpc(t.db, central, 'save_agency', { code: 'bang-rak', name: { th: 'ซ้ำ' } }))
		).toMatchObject({ code: '23505' });
		expect(
			await failure(
				callRpc(t.db, officerA, 'save_agency', { code: 'bang-rak-2', name: { th: 'เขตใหม่' } })
			)
		).toMatchObject({ code: '42501', message: 'agency_add_forbidden' });
		// An officer may correct the name of their own office.
		await callRpc(t.db, officerA, 'save_agency', {
			code: 'bang-rak',
			name: { th: 'สำนักงานเขตบางรัก', en: 'Bang Rak District Office, BMA' },
			update_existing: true
		});
		expect((await view(officerA, 'bang-rak')).name.en).toBe('Bang Rak District Office, BMA');

		// Signed in but nobody's officer: sees no agency at all.
		expect(await callRpc(t.db, stranger, 'list_agencies')).toEqual([]);
		expect(
			(await failure(callRpc(t.db, stranger, 'list_agency', { agency_code: 'bang-rak' }))).code
		).toBe('PT404');
		expect(
			(
				await failure(
					callRpc(t.db, stranger, 'save_agency', { code: 'mine', name: { th: 'ของฉัน' } })
				)
			).code
		).toBe('42501');
	});

	test('anonymous callers can run none of the new functions', async () => {
		for (const [fn, args] of [...adminCalls(roundA), ['list_agencies', {}] as const]) {
			await expect(callRpc(t.db, anon, fn, args), fn).rejects.toThrow(/permission denied/);
		}
		const grants = await t.db.query<{ name: string; anon: boolean; auth: boolean; svc: boolean }>(
			`select p.proname as name, has_function_privilege('anon', p.oid, 'execute') as anon,
				has_function_privilege('authenticated', p.oid, 'execute') as auth,
				has_function_privilege('service_role', p.oid, 'execute') as svc
			from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname = any($1)`,
			[[...new Set(adminCalls(roundA).map(([fn]) => fn)), 'list_agencies']]
		);
		expect(grants).toHaveLength(13);
		for (const g of grants) expect(g, g.name).toMatchObject({ anon: false, auth: true, svc: true });
	});

	test('what is in use is kept: a section with counters, a counter or round with responses', async () => {
		expect(
			await failure(
				callRpc(t.db, officerA, 'delete_section', { agency_code: 'bang-rak', code: 'registration' })
			)
		).toMatchObject({
			code: '23503',
			message: 'section_has_service_points',
			hint: 'section registration still has service points (registration-1); move them to another section or delete them first'
		});
		const counter = await failure(
			callRpc(t.db, officerA, 'delete_service_point', {
				agency_code: 'bang-rak',
				code: 'registration-1'
			})
		);
		expect(counter.code).toBe('23503');
		expect(counter.message).toBe('service_point_has_responses');
		expect(JSON.parse(counter.detail ?? '{}')).toEqual({
			servicePoint: 'registration-1',
			count: 1
		});
		expect(
			(await failure(callRpc(t.db, officerA, 'delete_round', { round_code: roundA }))).message
		).toBe('round_has_responses_no_delete');
		expect(
			(
				await failure(
					callRpc(t.db, officerA, 'set_round_status', { round_code: roundA, status: 'draft' })
				)
			).code
		).toBe('55000');
		expect(
			(
				await failure(
					callRpc(t.db, officerA, 'update_round', {
						round_code: roundA,
						framework: 'nacc-2565',
						fiscal_year: 2025,
						opens_on: day(-1),
						closes_on: day(60),
						iit_access_code: 'br2568',
						target_staff: 180,
						min_iit: 400,
						min_eit: 400,
						allow_repeat: true
					})
				)
			).message
		).toBe('round_framework_locked');

		// What is not in use goes.
		await callRpc(t.db, officerA, 'delete_service_point', {
			agency_code: 'bang-rak',
			code: 'revenue-1'
		});
		await callRpc(t.db, officerA, 'delete_section', {
			agency_code: 'bang-rak',
			code: 'wat-hualamphong-school'
		});
		const office = await view(officerA, 'bang-rak');
		expect(office.servicePoints.map((p) => p.code)).toEqual(['registration-1']);
		expect(office.sections.map((s) => s.code)).not.toContain('wat-hualamphong-school');
		expect(office.rounds[0].respondents.eit).toBe(1);
	});

	test('a round is edited, kept from respondents as a draft, opened and closed', async () => {
		const draft = 'bang-rak-2569-draft';
		await callRpc(t.db, officerA, 'create_round', {
			agency_code: 'bang-rak',
			code: draft,
			framework: 'nacc-2565',
			fiscal_year: 2026,
			opens_on: day(-1),
			closes_on: day(30),
			status: 'draft'
		});
		await expect(callRpc(t.db, anon, 'get_questionnaire', { round_code: draft })).rejects.toThrow(
			/^unknown_round$/
		);

		// With no responses yet, even the framework may change.
		const edited = await callRpc(t.db, officerA, 'update_round', {
			round_code: draft,
			framework: 'bma-2567',
			fiscal_year: 2026,
			opens_on: day(-1),
			closes_on: day(45),
			iit_access_code: '   ',
			target_staff: 150,
			min_iit: 120,
			min_eit: 400,
			allow_repeat: false
		});
		expect(edited).toMatchObject({
			framework: 'bma-2567',
			closesOn: day(45),
			iitAccessCode: null,
			targetStaff: 150,
			minIit: 120,
			allowRepeat: false,
			status: 'draft'
		});

		await callRpc(t.db, officerA, 'set_round_status', { round_code: draft, status: 'open' });
		const q = await callRpc<{ round: { open: boolean } }>(t.db, anon, 'get_questionnaire', {
			round_code: draft
		});
		expect(q.round.open).toBe(true);
		await callRpc(t.db, officerA, 'set_round_status', { round_code: draft, status: 'closed' });
		const late = await callRpc<{ results: { code: string }[] }>(t.db, anon, 'submit_responses', {
			batch: [favourableResponse(bma, draft, 'eit')]
		});
		expect(late.results[0].code).toBe('round_closed');

		await callRpc(t.db, officerA, 'delete_round', { round_code: draft });
		expect((await view(officerA, 'bang-rak')).rounds.map((r) => r.code)).toEqual([roundA]);
	});

	test('OIT: the evidence URL before the score, scores as before, and the URL kept', async () => {
		const listed = () =>
			callRpc<OitItem[]>(t.db, officerA, 'list_oit_scores', { round_code: roundA });
		const url = 'https://www.bangkok.go.th/bangrak/page/sub/21839';
		expect(
			await callRpc(t.db, officerA, 'set_oit_evidence', {
				round_code: roundA,
				question_id: 'o1',
				url: ` ${url} `
			})
		).toEqual({ question: 'O1', score: null, evidenceUrl: url });
		let items = await listed();
		expect(items).toHaveLength(22);
		expect(items[0]).toMatchObject({ question: 'O1', score: null, evidenceUrl: url });

		// The old signature still works and leaves the URL alone.
		expect(
			await callRpc(t.db, officerA, 'set_oit_scores', { round_code: roundA, scores: { O1: 100 } })
		).toBe(1);
		items = await listed();
		expect(items[0]).toMatchObject({ question: 'O1', score: 100, evidenceUrl: url });
		const results = await callRpc<{ questions: Record<string, { score: number | null }> }>(
			t.db,
			officerA,
			'round_results',
			{ round_code: roundA }
		);
		expect(results.questions.O1.score).toBe(100);
		expect(results.questions.O2.score).toBeNull();

		expect(
			(
				await failure(
					callRpc(t.db, officerA, 'set_oit_evidence', {
						round_code: roundA,
						question_id: 'O2',
						url: 'www.bangkok.go.th/bangrak'
					})
				)
			).message
		).toBe('oit_evidence_url_invalid');
		expect(
			(
				await failure(
					callRpc(t.db, officerA, 'set_oit_evidence', {
						round_code: roundA,
						question_id: 'O99',
						url
					})
				)
			).message
		).toBe('oit_item_unknown');

		// Clearing the URL keeps the score.
		await callRpc(t.db, officerA, 'set_oit_evidence', {
			round_code: roundA,
			question_id: 'O1',
			url: null
		});
		expect((await listed())[0]).toMatchObject({ score: 100, evidenceUrl: null });
		// A central administrator reads it too; B does not (see above).
		expect(
			(await callRpc<OitItem[]>(t.db, central, 'list_oit_scores', { round_code: roundA }))[0].score
		).toBe(100);
	});

	test('nobody but the server reaches the local accounts', async () => {
		const [{ rls }] = await t.db.query<{ rls: boolean }>(
			`select relrowsecurity as rls from pg_class where oid = 'ita_private.accounts'::regclass`
		);
		expect(rls).toBe(true);
		for (const claims of [anon, officerA, central, stranger, service]) {
			for (const sql of [
				'select * from ita_private.accounts',
				`insert into ita_private.accounts (email, password_hash, ita_role) values ('x@y', 'scrypt$1$1$1$a$b', 'central')`,
				`select ita_private.create_account('me@x.th', 'scrypt$1$1$1$a$b', 'central', null)`,
				`select * from ita_private.account_for_login('me@x.th')`,
				'select * from ita_private.list_accounts()',
				'select ita_private.add_bangkok_districts()'
			]) {
				await expect(
					asCaller(t.db, claims, (tx) => tx.query(sql)),
					`${claims.role}: ${sql}`
				).rejects.toThrow(/permission denied/);
			}
		}
		// The server, as the tables' owner, does.
		const [{ any }] = await t.db.query<{ any: boolean }>(
			'select ita_private.has_any_account() as any'
		);
		expect(any).toBe(false);
	});
});
