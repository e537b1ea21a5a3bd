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
	weighted_by_points boolean;
	result jsonb;
begin
	select * into r from public.rounds where code = round_code;
	if r.round_id is null or not ita_private.can_manage_agency(r.agency_id) then
		-- The same answer for a round that does not exist and one the caller may not
		-- see, so that codes cannot be probed.
		raise exception using errcode = 'PT404',
			message = format('no round %s that you may read', round_code);
	end if;
	select * into f from public.frameworks where framework_id = r.framework_id;
	weighted_by_points := f.method = 'question-points';

	with
	item_stats as (
		select i.item_key, i.question_id, i.instrument, i.ord,
			coalesce(sum(c.n), 0) as n,
			sum(c.n * case when i.polarity = 'positive' then o.rank else o.top_rank - o.rank end) as favour,
			max(o.top_rank) as top_rank
		from public.framework_items i
			join public.framework_scale_options o on o.framework_id = i.framework_id and o.scale = i.scale
			left join public.answer_counts c on c.round_id = r.round_id and c.item_key = i.item_key
				and c.code = o.code
		where i.framework_id = r.framework_id
		group by i.item_key, i.question_id, i.instrument, i.ord
	),
	item_scores as (
		select s.*,
			case when s.n > 0 then 100 * s.favour::numeric / (s.top_rank * s.n) end as exact
		from item_stats s
	),
	item_json as (
		select jsonb_object_agg(s.item_key, jsonb_build_object(
			'n', s.n,
			'counts', (select jsonb_object_agg(o.code::text, coalesce(c.n, 0) order by o.rank)
				from public.framework_items i
					join public.framework_scale_options o on o.framework_id = i.framework_id and o.scale = i.scale
					left join public.answer_counts c on c.round_id = r.round_id and c.item_key = i.item_key
						and c.code = o.code
				where i.framework_id = r.framework_id and i.item_key = s.item_key),
			'percent', (select jsonb_object_agg(o.code::text,
					case when s.n > 0 then ita_private.round2(100 * coalesce(c.n, 0)::numeric / s.n) end
					order by o.rank)
				from public.framework_items i
					join public.framework_scale_options o on o.framework_id = i.framework_id and o.scale = i.scale
					left join public.answer_counts c on c.round_id = r.round_id and c.item_key = i.item_key
						and c.code = o.code
				where i.framework_id = r.framework_id and i.item_key = s.item_key),
			'score', ita_private.round2(s.exact),
			'exact', s.exact
		) order by s.ord) as j
		from item_scores s
	),
	question_scores as (
		select q.question_id, q.instrument, q.indicator_id, q.sub_indicator_id, q.group_id, q.ord,
			coalesce(q.points, 1) as points,
			case q.kind
				when 'survey' then (select avg(ita_private.round2(s.exact)) from item_scores s
					where s.question_id = q.question_id)
				else (select o.score from public.oit_scores o
					where o.round_id = r.round_id and o.question_id = q.question_id)
			end as exact
		from public.framework_questions q
		where q.framework_id = r.framework_id
	),
	-- A sub-indicator (or display group) from its questions; a plain or points-weighted mean.
	sub_scores as (
		select n.node_id, n.parent_id, n.kind, n.ord,
			sum(q.points) as points,
			case when bool_or(q.exact is null) then null
				else sum(ita_private.round2(q.exact) * case when weighted_by_points then q.points else 1 end)
					/ sum(case when weighted_by_points then q.points else 1 end)
			end as exact
		from public.framework_nodes n
			join question_scores q on (n.kind = 'sub_indicator' and q.sub_indicator_id = n.node_id)
				or (n.kind = 'group' and q.group_id = n.node_id)
		where n.framework_id = r.framework_id and n.kind in ('sub_indicator', 'group')
		group by n.node_id, n.parent_id, n.kind, n.ord
	),
	-- An indicator from its sub-indicators where it has them, else from its questions.
	indicator_parts as (
		select s.parent_id as indicator_id, ita_private.round2(s.exact) as score, s.points,
			s.exact is null as incomplete
		from sub_scores s where s.kind = 'sub_indicator'
		union all
		select q.indicator_id, ita_private.round2(q.exact), q.points, q.exact is null
		from question_scores q where q.sub_indicator_id is null
	),
	indicator_scores as (
		select n.node_id, n.instrument, n.ord, sum(p.points) as points,
			case when bool_or(p.incomplete) then null
				else sum(p.score * case when weighted_by_points then p.points else 1 end)
					/ sum(case when weighted_by_points then p.points else 1 end)
			end as exact
		from public.framework_nodes n join indicator_parts p on p.indicator_id = n.node_id
		where n.framework_id = r.framework_id and n.kind = 'indicator'
		group by n.node_id, n.instrument, n.ord
	),
	instrument_scores as (
		select i.instrument,
			(f.weights ->> i.instrument)::numeric as weight,
			case
				when weighted_by_points then
					(select case when bool_or(q.exact is null) then null
						else sum(ita_private.round2(q.exact) * q.points) / sum(q.points) end
					from question_scores q where q.instrument = i.instrument)
				else case when bool_or(i.exact is null) then null
					else avg(ita_private.round2(i.exact)) end
			end as exact,
			-- Points-method: the instrument's share of the total is Σ score × points / 100.
			case when weighted_by_points then
				(select case when bool_or(q.exact is null) then null
					else sum(ita_private.round2(q.exact) * q.points) / 100 end
				from question_scores q where q.instrument = i.instrument)
			end as points_share
		from indicator_scores i
		group by i.instrument
	),
	weighted as (
		select s.*,
			case when weighted_by_points then s.points_share
				else ita_private.round2(s.exact) * s.weight / 100 end as share
		from instrument_scores s
	),
	total as (
		select case when count(*) = 3 and bool_and(w.share is not null) then sum(w.share) end as exact
		from weighted w
	),
	level as (
		select l.code, l.label
		from public.framework_levels l, total t
		where l.framework_id = r.framework_id and t.exact is not null
			and ita_private.round2(t.exact) >= l.min
			and (l.instruments_min is null or not exists (
				select from weighted w
				where ita_private.round2(w.exact) < l.instruments_min))
		order by l.ord
		limit 1
	),
	respondents as (
		select jsonb_build_object(
			'iit', coalesce((select n from public.respondent_counts
				where round_id = r.round_id and instrument = 'iit'), 0),
			'eit', coalesce((select n from public.respondent_counts
				where round_id = r.round_id and instrument = 'eit'), 0)
		) as j
	),
	demographic_json as (
		select jsonb_object_agg(per_instrument.instrument, per_instrument.j) as j
		from (
			select per_question.instrument,
				jsonb_object_agg(per_question.question_id, per_question.j order by per_question.ord) as j
			from (
				select d.instrument, d.question_id, min(d.question_ord) as ord,
					jsonb_build_object(
						'n', sum(d.n),
						'options', jsonb_object_agg(d.option_code, jsonb_build_object(
							'count', d.n,
							'percent', case when coalesce(rc.n, 0) > 0
								then ita_private.round2(100 * d.n::numeric / rc.n) end
						) order by d.option_ord)
					) as j
				from (
					-- The framework's options, with or without answers …
					select fd.instrument, fd.question_id, fd.question_ord, fd.option_code,
						fd.option_ord, coalesce(c.n, 0) as n
					from public.framework_demographics fd
						left join public.demographic_counts c on c.round_id = r.round_id
							and c.instrument = fd.instrument and c.question_id = fd.question_id
							and c.option_code = fd.option_code
					where fd.framework_id = r.framework_id
					union all
					-- … and the agency's own sections that people named.
					select c.instrument, c.question_id, q.question_ord, c.option_code,
						100000, c.n
					from public.demographic_counts c
						join (select distinct fd.instrument, fd.question_id, fd.question_ord
							from public.framework_demographics fd
							where fd.framework_id = r.framework_id) q
							on q.instrument = c.instrument and q.question_id = c.question_id
					where c.round_id = r.round_id
						and not exists (select from public.framework_demographics fd
							where fd.framework_id = r.framework_id and fd.instrument = c.instrument
								and fd.question_id = c.question_id and fd.option_code = c.option_code)
				) d
					left join public.respondent_counts rc on rc.round_id = r.round_id
						and rc.instrument = d.instrument
				group by d.instrument, d.question_id
			) per_question
			group by per_question.instrument
		) per_instrument
	)
	select jsonb_build_object(
		'round', jsonb_build_object(
			'code', r.code,
			'framework', r.framework_id,
			'fiscalYear', r.fiscal_year,
			'opensOn', r.opens_on,
			'closesOn', r.closes_on,
			'status', r.status,
			'agency', (select jsonb_build_object('code', a.code, 'name', a.name)
				from public.agencies a where a.agency_id = r.agency_id)
		),
		'method', f.method,
		'respondents', (select j from respondents),
		'items', coalesce((select j from item_json), '{}'),
		'questions', coalesce((select jsonb_object_agg(q.question_id,
			ita_private.score_json(q.exact) || jsonb_build_object('points', nullif(q.points, 1))
				order by q.ord) from question_scores q), '{}'),
		'indicators', coalesce((select jsonb_object_agg(x.node_id, x.j) from (
			select i.node_id, ita_private.score_json(i.exact) as j from indicator_scores i
			union all
			select s.node_id, ita_private.score_json(s.exact) from sub_scores s where s.kind = 'sub_indicator'
		) x), '{}'),
		'groups', coalesce((select jsonb_object_agg(s.node_id, ita_private.score_json(s.exact))
			from sub_scores s where s.kind = 'group'), '{}'),
		'instruments', coalesce((select jsonb_object_agg(w.instrument,
			ita_private.score_json(w.exact) || jsonb_build_object(
				'weight', w.weight, 'weighted', ita_private.round2(w.share)))
			from weighted w), '{}'),
		'total', (select ita_private.round2(t.exact) from total t),
		'totalExact', (select t.exact from total t),
		'level', (select l.code from level l),
		'levelLabel', (select l.label from level l),
		'demographics', coalesce((select j from demographic_json), '{}')
	) into result;

	return result;
end;
$$;

revoke all on function ita_private.round2(numeric), ita_private.score_json(numeric) from public;
grant execute on function ita_private.round2(numeric), ita_private.score_json(numeric)
	to anon, authenticated, service_role;
revoke all on function public.round_results(text) from public, anon;
grant execute on function public.round_results(text) to authenticated, service_role;
