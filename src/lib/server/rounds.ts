import type { Sql } from './db/client.ts';
import type { Text } from '../ita/framework.ts';

export interface OpenRound {
	code: string;
	agency: Text;
	framework: string;
	frameworkTitle: Text;
	fiscalYear: number;
	closesOn: string;
}

const thai = new Intl.Collator('th');

/** Rounds open today, for the embedded server's home page, agencies in Thai order. */
export async function listOpenRounds(db: Sql): Promise<OpenRound[]> {
	const rounds = await db.query<OpenRound & Record<string, unknown>>(
		`select r.code, a.name as agency, r.framework_id as framework, f.title as "frameworkTitle",
			r.fiscal_year as "fiscalYear", r.closes_on::text as "closesOn"
		from public.rounds r
			join public.agencies a using (agency_id)
			join public.frameworks f using (framework_id)
		where r.status = 'open' and ita_private.today() between r.opens_on and r.closes_on
		order by a.code, r.fiscal_year desc, r.code`
	);
	return rounds.sort((a, b) => thai.compare(a.agency.th, b.agency.th));
}
