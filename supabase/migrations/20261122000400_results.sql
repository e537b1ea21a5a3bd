-- round_results(): a round's scores computed exactly as the official reports do.
--
-- Points per answer: the bottom answer of a scale earns 0 and the top one 100, evenly
-- between (four levels: 0, 100/3, 200/3, 100; yes/no: 0, 100), reversed for a
-- negative item. An item's score is the mean over the respondents who answered it.
-- Every score is rounded half-up to two decimals, and the next level up is computed
-- from the rounded values: that is how the published totals come out (Wang Thonglang
-- FY2565's OIT is 90.77 so, 90.76 from unrounded indicators). The unrounded value is
-- kept beside each score as "exact".
--
-- The work reads the counters, never the responses: its cost is O(items).

/** Half-up to two decimals (scores are never negative). */
create or replace function ita_private.round2(x numeric) returns numeric
language sql immutable
set search_path = ''
as $$ select round(x, 2) $$;

create or replace function ita_private.score_json(exact numeric) returns jsonb
language sql immutable
set search_path = ''
as $$
	select jsonb_build_object('score', ita_private.round2(exact), 'exact', exact)
$$;

/**
 * The scores of one round: items (counts and percentages per answer code), questions,
 * indicators and sub-indicators, OIT groups, instruments, the weighted total and the
 * level, respondent counts and the background tables. Keys follow the framework's ids:
 * items["i1.1"], questions["i1"], indicators["9.1"], instruments.iit, total, level.
 * Reads the counters only: O(items). Nothing is suppressed: these are the whole round's.
 */
create or replace function public.round_results(round_code text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	r public.rounds;
	f public.frameworks;
	respondents jsonb;
begin
	select * into r from public.rounds where code = round_code;
	if r.round_id is null or not ita_private.can_manage_agency(r.agency_id) then
		-- The same answer for a round that does not exist and one the caller may not
		-- see, so that codes cannot be probed.
		raise exception using errcode = 'PT404', message = 'round_not_managed',
			detail = jsonb_build_object('round', coalesce(round_code, ''))::text,
			hint = format('no round %s that you may read', coalesce(round_code, '(no code given)'));
	end if;
	select * into f from public.frameworks where framework_id = r.framework_id;
	respondents := ita_private.round_respondent_counts(r.round_id);

	return jsonb_build_object(
		'round', ita_private.results_round_json(r),
		'method', f.method,
		'respondents', respondents,
		-- Stored but not counted until an officer releases them (…_trust.sql).
		'held', ita_private.held_counts(r.round_id),
		'demographics', ita_private.demographic_json(r,
			ita_private.round_demographic_counts(r.round_id), respondents)
	) || ita_private.score_counts(r, ita_private.round_answer_counts(r.round_id));
end;
$$;

revoke all on function ita_private.round2(numeric), ita_private.score_json(numeric) from public;
grant execute on function ita_private.round2(numeric), ita_private.score_json(numeric)
	to anon, authenticated, service_role;
revoke all on function public.round_results(text) from public, anon;
grant execute on function public.round_results(text) to authenticated, service_role;
