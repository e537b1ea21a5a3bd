/**
 * A demo office for a new data folder, so that the app has something to show at once:
 * one agency with the standard sections of a district office, two counters, and one
 * open round per framework.
 */
import type { Sql } from '../db/client.ts';

const sections: [string, string, string][] = [
	['administration', 'ฝ่ายปกครอง', 'Administration'],
	['registration', 'ฝ่ายทะเบียน', 'Civil registration'],
	['public-works', 'ฝ่ายโยธา', 'Public works'],
	['environment', 'ฝ่ายสิ่งแวดล้อมและสุขาภิบาล', 'Environment and sanitation'],
	['revenue', 'ฝ่ายรายได้', 'Revenue'],
	['cleansing', 'ฝ่ายรักษาความสะอาดและสวนสาธารณะ', 'Cleansing and public parks'],
	['education', 'ฝ่ายการศึกษา', 'Education'],
	['finance', 'ฝ่ายการคลัง', 'Finance'],
	['city-law', 'ฝ่ายเทศกิจ', 'City law enforcement'],
	['community', 'ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม', 'Community development and social welfare']
];

export interface DemoRound {
	code: string;
	framework: string;
	iitAccessCode: string;
}

/** Creates the demo office when the database has no round yet; returns its rounds. */
export async function seedDemo(db: Sql): Promise<DemoRound[]> {
	// A new data folder has the district offices (from the migrations) but no round yet.
	const [{ n }] = await db.query<{ n: number }>(
		`select (select count(*) from public.rounds)::int
			+ (select count(*) from public.agencies where code = 'demo')::int as n`
	);
	if (n > 0) return [];
	return db.transaction(async (tx) => {
		const [{ agency_id }] = await tx.query<{ agency_id: string }>(
			`insert into public.agencies (code, name)
			values ('demo', '{"th": "สำนักงานเขตตัวอย่าง", "en": "Demo District Office"}')
			returning agency_id`
		);
		for (const [code, th, en] of sections) {
			await tx.query(
				`insert into public.sections (agency_id, code, name) values ($1, $2, jsonb_build_object('th', $3::text, 'en', $4::text))`,
				[agency_id, code, th, en]
			);
		}
		await tx.query(
			`insert into public.service_points (agency_id, section_id, code, name)
			select $1::uuid, section_id, 'registration-1', '{"th": "ฝ่ายทะเบียน ช่อง 1", "en": "Registration, counter 1"}'::jsonb
			from public.sections where agency_id = $1::uuid and code = 'registration'
			union all
			select $1::uuid, section_id, 'revenue-1', '{"th": "ฝ่ายรายได้ ช่อง 1", "en": "Revenue, counter 1"}'::jsonb
			from public.sections where agency_id = $1::uuid and code = 'revenue'`,
			[agency_id]
		);
		const frameworks = await tx.query<{ framework_id: string; year: number }>(
			`select framework_id, (definition -> 'fiscalYears' ->> -1)::int as year
			from public.frameworks order by framework_id`
		);
		const rounds: DemoRound[] = [];
		for (const f of frameworks) {
			const round = {
				code: `demo-${f.framework_id}`,
				framework: f.framework_id,
				iitAccessCode: 'demo1234'
			};
			await tx.query(
				`insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on,
					iit_access_code, target_staff, min_iit, min_eit)
				values ($1, $2, $3, $4, ita_private.today() - 7, ita_private.today() + 90, $5, 120, 100, 400)`,
				[round.code, agency_id, f.framework_id, f.year, round.iitAccessCode]
			);
			rounds.push(round);
		}
		return rounds;
	});
}
