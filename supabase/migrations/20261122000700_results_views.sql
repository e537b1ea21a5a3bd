-- The results page of issue 7, on the database side: progress per day and channel,
-- scores of a subgroup (with small groups suppressed), the weakest items, the central
-- view of a fiscal year, the improvement-measures worksheet and the export of responses.
--
-- Redefined here (create or replace, same signatures):
--   ita_private.count_responses(uuid[])  also keeps daily_counts;
--   public.recount_round(text)           also rebuilds daily_counts;
--   public.round_results(text)           now reads its scores from ita_private.score_counts()
--                                        and its background tables from
--                                        ita_private.demographic_json(), which
--                                        round_results_for() and the central view share.
--                                        Same keys, same numbers.
--
-- Privacy. A score or an answer distribution over fewer than 5 respondents is never
-- returned by round_results_for(), fiscal_year_overview() or question_across_agencies(),
-- whoever calls (officer, central administrator, service_role): the instrument's cells are
-- replaced, in SQL, by {"suppressed": true, "n": "< 5", "reason": "small"} before the
-- JSON leaves the database, and the counts of a suppressed instrument are dropped before
-- any score is computed. Head-counts of a whole round (round_results(), respondent
-- tables, progress) are shown as they are.

-- ---------------------------------------------------------------------------------
-- Counters per day, channel and service point
-- ---------------------------------------------------------------------------------

create table public.daily_counts (
	round_id uuid not null references public.rounds on delete cascade,
	instrument text not null check (instrument in ('iit', 'eit')),
	collected_on date not null,
	channel text not null check (channel in ('qr', 'link', 'kiosk', 'paper')),
	-- No service point: a link, kiosk or paper response.
	service_point_id uuid references public.service_points on delete set null,
	n integer not null check (n >= 0),
	constraint daily_counts_key unique nulls not distinct
		(round_id, instrument, collected_on, channel, service_point_id),
	daily_count_id bigint generated always as identity primary key
);
alter table public.daily_counts enable row level security;

comment on table public.daily_counts is
	'Respondents per round, instrument, day, channel and service point; kept by count_responses() in the transaction that stores the responses.';

revoke all on public.daily_counts from public, anon, authenticated;
grant select on public.daily_counts to authenticated;
grant all on public.daily_counts to service_role;

create policy "Officers can read their agency's daily counts" on public.daily_counts
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = daily_counts.round_id and ita_private.can_manage_agency(r.agency_id))
	);

-- Responses stored before this migration.
insert into public.daily_counts (round_id, instrument, collected_on, channel, service_point_id, n)
select p.round_id, p.instrument, p.collected_on, p.channel, p.service_point_id, count(*)
from public.responses p
group by 1, 2, 3, 4, 5;

-- ---------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------

/** The smallest subgroup whose scores and answer distributions may be shown. */
create or replace function ita_private.min_group() returns integer
language sql immutable
set search_path = ''
as $$ select 5 $$;

/**
 * What a suppressed cell reads instead of numbers. reason "small": the subgroup has
 * fewer than 5 respondents of the instrument; "rest": the round's respondents outside
 * the subgroup are 1 to 4, so the subgroup's numbers beside the round's would give theirs.
 */
create or replace function ita_private.suppressed_cell(reason text) returns jsonb
language sql immutable
set search_path = ''
as $$
	select case reason
		when 'rest' then jsonb_build_object('suppressed', true, 'reason', 'rest', 'rest', '< 5')
		else jsonb_build_object('suppressed', true, 'reason', 'small', 'n', '< 5')
	end
$$;

/** A background answer's option code: "female", or the code of {"code": "other", "text": …}. */
create or replace function ita_private.demographic_code(answer jsonb) returns text
language sql immutable
set search_path = ''
as $$
	select case jsonb_typeof(answer)
		when 'object' then answer ->> 'code'
		when 'string' then answer #>> '{}'
	end
$$;

/** The round with this code when the caller may read its results; else PT404, as round_results answers. */
create or replace function ita_private.readable_round(round_code text)
returns public.rounds
language plpgsql stable
set search_path = ''
as $$
declare
	r public.rounds;
begin
	select * into r from public.rounds x where x.code = round_code;
	if r.round_id is null or not ita_private.can_manage_agency(r.agency_id) then
		raise exception using errcode = 'PT404', message = 'round_not_managed',
			detail = jsonb_build_object('round', coalesce(round_code, ''))::text,
			hint = format('no round %s that you may read', coalesce(round_code, '(no code given)'));
	end if;
	return r;
end;
$$;

/** The IIT and EIT targets of a round: the IIT's is the minimum sample, at most the staff. */
create or replace function ita_private.round_targets(r public.rounds)
returns jsonb
language sql immutable
set search_path = ''
as $$
	select jsonb_build_object(
		'staff', r.target_staff,
		'minIit', r.min_iit,
		'minEit', r.min_eit,
		'iit', case when r.min_iit is not null and r.target_staff is not null
			then least(r.min_iit, r.target_staff) else coalesce(r.min_iit, r.target_staff) end,
		'eit', r.min_eit
	)
$$;

/** A round as the results read it (the "round" key of round_results). */
create or replace function ita_private.results_round_json(r public.rounds)
returns jsonb
language sql stable
set search_path = ''
as $$
	select jsonb_build_object(
		'code', r.code,
		'framework', r.framework_id,
		'fiscalYear', r.fiscal_year,
		'opensOn', r.opens_on,
		'closesOn', r.closes_on,
		'status', r.status,
		'agency', (select jsonb_build_object('code', a.code, 'name', a.name)
			from public.agencies a where a.agency_id = r.agency_id)
	)
$$;

/** A round's kept answer counters as {"<item>": {"<code>": n}}: O(items). */
create or replace function ita_private.round_answer_counts(round uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
	select coalesce(jsonb_object_agg(x.item_key, x.codes), '{}')
	from (
		select c.item_key, jsonb_object_agg(c.code::text, c.n) as codes
		from public.answer_counts c
		where c.round_id = round
		group by c.item_key
	) x
$$;

/** A round's respondents per instrument, from the counters: {"iit": n, "eit": n}. */
create or replace function ita_private.round_respondent_counts(round uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
	select jsonb_build_object(
		'iit', coalesce((select c.n from public.respondent_counts c
			where c.round_id = round and c.instrument = 'iit'), 0),
		'eit', coalesce((select c.n from public.respondent_counts c
			where c.round_id = round and c.instrument = 'eit'), 0)
	)
$$;

/** A round's kept background counters as {"<instrument>": {"<question>": {"<option>": n}}}. */
create or replace function ita_private.round_demographic_counts(round uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
	select coalesce(jsonb_object_agg(y.instrument, y.questions), '{}')
	from (
		select x.instrument, jsonb_object_agg(x.question_id, x.options) as questions
		from (
			select c.instrument, c.question_id, jsonb_object_agg(c.option_code, c.n) as options
			from public.demographic_counts c
			where c.round_id = round
			group by c.instrument, c.question_id
		) x
		group by x.instrument
	) y
$$;

/**
 * Every item of a framework with its question's text and, where the question has its
 * own items (not versions per service), the item's text. A path lookup per item, not an
 * unnesting of the whole definition: four nested jsonb_array_elements are estimated at
 * 100 million rows, and PostgreSQL then spends 150 ms compiling the query (JIT).
 */
create or replace function ita_private.item_texts(framework text)
returns table (item_key text, question_text jsonb, item_text jsonb)
language sql stable
set search_path = ''
as $$
	select i.item_key, q.text,
		jsonb_path_query_first(f.definition,
			'$.instruments[*].indicators[*].questions[*] ? (@.id == $q).items[*] ? (@.id == $i).text',
			jsonb_build_object('q', i.question_id, 'i', i.item_id))
	from public.framework_items i
		join public.framework_questions q on q.framework_id = i.framework_id and q.question_id = i.question_id
		join public.frameworks f on f.framework_id = i.framework_id
	where i.framework_id = framework
$$;

-- ---------------------------------------------------------------------------------
-- Scoring, shared by round_results, round_results_for and the central view
-- ---------------------------------------------------------------------------------

/**
 * Per item of a round's framework, from answer counts {"<item>": {"<code>": n}}: how
 * many answered (n), the favourable steps summed over them (favour: rank of the answer,
 * reversed for a negative item), the scale's top rank and the unrounded score
 * 100 · favour / (top_rank · n). The types are those round_results always had.
 */
create or replace function ita_private.item_stats(r public.rounds, counts jsonb)
returns table (
	item_key text,
	question_id text,
	instrument text,
	ord integer,
	polarity text,
	n bigint,
	favour bigint,
	top_rank smallint,
	exact numeric
)
language sql stable
set search_path = ''
as $$
	with s as (
		select i.item_key, i.question_id, i.instrument, i.ord, i.polarity,
			coalesce(sum(c.n), 0) as n,
			sum(c.n * case when i.polarity = 'positive' then o.rank else o.top_rank - o.rank end) as favour,
			max(o.top_rank) as top_rank
		from public.framework_items i
			join public.framework_scale_options o on o.framework_id = i.framework_id and o.scale = i.scale
			cross join lateral (select (counts -> i.item_key ->> o.code::text)::integer as n) c
		where i.framework_id = r.framework_id
		group by i.item_key, i.question_id, i.instrument, i.ord, i.polarity
	)
	select s.item_key, s.question_id, s.instrument, s.ord, s.polarity, s.n, s.favour, s.top_rank,
		case when s.n > 0 then 100 * s.favour::numeric / (s.top_rank * s.n) end
	from s
$$;

/**
 * The scores of a round computed from answer counts {"<item>": {"<code>": n}} — the
 * round's counters (round_results) or a subgroup's (round_results_for): items (counts,
 * percentages, score), questions, indicators and sub-indicators, OIT groups,
 * instruments, total and level, as round_results has always returned them (see
 * …0400_results.sql for the rounding rules, unchanged).
 *
 * hidden: {"<instrument>": <suppressed cell>} for the instruments whose numbers must
 * not be shown. Their counts are dropped before anything is computed, every cell of
 * theirs (item, question, indicator, sub-indicator, group, instrument) is that cell
 * instead of numbers, and the total and level, which would let them be worked back,
 * are suppressed too.
 *
 * with_items false leaves "items" out (the kept round_scores need no per-item counts and
 * percentages, which are most of the work).
 */
create or replace function ita_private.score_counts(r public.rounds, counts jsonb, hidden jsonb default '{}',
	with_items boolean default true)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
	f public.frameworks;
	weighted_by_points boolean;
	kept jsonb;
	total_cell jsonb;
	result jsonb;
begin
	select * into f from public.frameworks where framework_id = r.framework_id;
	weighted_by_points := f.method = 'question-points';
	hidden := coalesce(hidden, '{}');
	select x.value into total_cell from jsonb_each(hidden) x order by x.key limit 1;

	-- A hidden instrument's answers are not even read.
	select coalesce(jsonb_object_agg(c.key, c.value), '{}') into kept
	from jsonb_each(coalesce(counts, '{}')) c
	where not exists (select from public.framework_items i
		where i.framework_id = r.framework_id and i.item_key = c.key and hidden ? i.instrument);

	with
	item_scores as (
		select * from ita_private.item_stats(r, kept)
	),
	item_json as (
		select jsonb_object_agg(s.item_key, coalesce(hidden -> s.instrument, jsonb_build_object(
			'n', s.n,
			'counts', (select jsonb_object_agg(o.code::text,
					coalesce((kept -> s.item_key ->> o.code::text)::integer, 0) order by o.rank)
				from public.framework_items i
					join public.framework_scale_options o on o.framework_id = i.framework_id and o.scale = i.scale
				where i.framework_id = r.framework_id and i.item_key = s.item_key),
			'percent', (select jsonb_object_agg(o.code::text,
					case when s.n > 0 then ita_private.round2(
						100 * coalesce((kept -> s.item_key ->> o.code::text)::integer, 0)::numeric / s.n) end
					order by o.rank)
				from public.framework_items i
					join public.framework_scale_options o on o.framework_id = i.framework_id and o.scale = i.scale
				where i.framework_id = r.framework_id and i.item_key = s.item_key),
			'score', ita_private.round2(s.exact),
			'exact', s.exact
		)) order by s.ord) as j
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
		select n.node_id, n.parent_id, n.kind, n.ord, n.instrument,
			sum(q.points) as points,
			case when bool_or(q.exact is null) then null
				else sum(ita_private.round2(q.exact) * case when weighted_by_points then q.points else 1 end)
					/ sum(case when weighted_by_points then q.points else 1 end)
			end as exact
		from public.framework_nodes n
			join question_scores q on (n.kind = 'sub_indicator' and q.sub_indicator_id = n.node_id)
				or (n.kind = 'group' and q.group_id = n.node_id)
		where n.framework_id = r.framework_id and n.kind in ('sub_indicator', 'group')
		group by n.node_id, n.parent_id, n.kind, n.ord, n.instrument
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
	)
	select jsonb_build_object(
		'items', case when with_items then coalesce((select j from item_json), '{}') end,
		'questions', coalesce((select jsonb_object_agg(q.question_id,
			coalesce(hidden -> q.instrument, ita_private.score_json(q.exact))
				|| jsonb_build_object('points', nullif(q.points, 1))
				order by q.ord) from question_scores q), '{}'),
		'indicators', coalesce((select jsonb_object_agg(x.node_id, x.j) from (
			select i.node_id, coalesce(hidden -> i.instrument, ita_private.score_json(i.exact)) as j
			from indicator_scores i
			union all
			select s.node_id, coalesce(hidden -> s.instrument, ita_private.score_json(s.exact))
			from sub_scores s where s.kind = 'sub_indicator'
		) x), '{}'),
		'groups', coalesce((select jsonb_object_agg(s.node_id,
				coalesce(hidden -> s.instrument, ita_private.score_json(s.exact)))
			from sub_scores s where s.kind = 'group'), '{}'),
		'instruments', coalesce((select jsonb_object_agg(w.instrument,
			case when hidden ? w.instrument
				then (hidden -> w.instrument) || jsonb_build_object('weight', w.weight)
				else ita_private.score_json(w.exact) || jsonb_build_object(
					'weight', w.weight, 'weighted', ita_private.round2(w.share))
			end)
			from weighted w), '{}'),
		'total', coalesce(total_cell, (select to_jsonb(ita_private.round2(t.exact)) from total t)),
		'totalExact', case when total_cell is null then (select t.exact from total t) end,
		'level', case when total_cell is null then (select l.code from level l) end,
		'levelLabel', case when total_cell is null then (select l.label from level l) end
	) into result;

	return result;
end;
$$;

/**
 * The background tables (seed 000 tables 503–511) from counts
 * {"<instrument>": {"<question>": {"<option>": n}}} and respondents {"iit": n, "eit": n}:
 * per question its answers (n) and per option a count and a percentage of the
 * instrument's respondents; the framework's options, answered or not, and the agency's
 * own sections that people named. A hidden instrument's tables are its suppressed cell.
 */
create or replace function ita_private.demographic_json(
	r public.rounds, counts jsonb, respondents jsonb, hidden jsonb default '{}'
)
returns jsonb
language sql
stable
set search_path = ''
as $$
	select coalesce(jsonb_object_agg(per_instrument.instrument,
		coalesce(hidden -> per_instrument.instrument, per_instrument.j)), '{}')
	from (
		select per_question.instrument,
			jsonb_object_agg(per_question.question_id, per_question.j order by per_question.ord) as j
		from (
			select d.instrument, d.question_id, min(d.question_ord) as ord,
				jsonb_build_object(
					'n', sum(d.n),
					'options', jsonb_object_agg(d.option_code, jsonb_build_object(
						'count', d.n,
						'percent', case when coalesce((respondents ->> d.instrument)::integer, 0) > 0
							then ita_private.round2(100 * d.n::numeric / (respondents ->> d.instrument)::integer) end
					) order by d.option_ord)
				) as j
			from (
				-- The framework's options, with or without answers …
				select fd.instrument, fd.question_id, fd.question_ord, fd.option_code, fd.option_ord,
					coalesce((counts -> fd.instrument -> fd.question_id ->> fd.option_code)::integer, 0) as n
				from public.framework_demographics fd
				where fd.framework_id = r.framework_id
				union all
				-- … and the agency's own sections that people named.
				select q.instrument, q.question_id, q.question_ord, c.key, 100000, (c.value #>> '{}')::integer
				from (select distinct fd.instrument, fd.question_id, fd.question_ord
						from public.framework_demographics fd
						where fd.framework_id = r.framework_id) q
					cross join lateral jsonb_each(coalesce(counts -> q.instrument -> q.question_id, '{}')) c
				where not exists (select from public.framework_demographics fd
					where fd.framework_id = r.framework_id and fd.instrument = q.instrument
						and fd.question_id = q.question_id and fd.option_code = c.key)
			) d
			group by d.instrument, d.question_id
		) per_question
		group by per_question.instrument
	) per_instrument
$$;

/**
 * Which instruments of a subgroup must not be shown, as {"<instrument>": <cell>}:
 * fewer than 5 respondents ("small"); an item answered by 1 to 4 of them (possible
 * only with optional items; its score would be theirs) ("small"); or, when the whole
 * round's respondents are given, 1 to 4 respondents of the round outside the subgroup
 * ("rest": the round's numbers minus the subgroup's would be theirs).
 */
create or replace function ita_private.hidden_instruments(
	r public.rounds, counts jsonb, subgroup jsonb, whole jsonb default null
)
returns jsonb
language sql
stable
set search_path = ''
as $$
	select coalesce(jsonb_object_agg(x.instrument, ita_private.suppressed_cell(x.reason)), '{}')
	from (
		select ins.instrument,
			case
				when coalesce((subgroup ->> ins.instrument)::integer, 0) < ita_private.min_group() then 'small'
				when exists (
					select from public.framework_items i
					where i.framework_id = r.framework_id and i.instrument = ins.instrument
						and (select coalesce(sum((c.value #>> '{}')::integer), 0)
							from jsonb_each(coalesce(counts -> i.item_key, '{}')) c)
							between 1 and ita_private.min_group() - 1
				) then 'small'
				when whole is not null
					and coalesce((whole ->> ins.instrument)::integer, 0)
						- coalesce((subgroup ->> ins.instrument)::integer, 0)
						between 1 and ita_private.min_group() - 1 then 'rest'
			end as reason
		from (select distinct i.instrument from public.framework_items i
			where i.framework_id = r.framework_id) ins
	) x
	where x.reason is not null
$$;

revoke all on function ita_private.min_group(), ita_private.suppressed_cell(text),
	ita_private.demographic_code(jsonb), ita_private.readable_round(text),
	ita_private.round_targets(public.rounds),
	ita_private.results_round_json(public.rounds), ita_private.round_answer_counts(uuid),
	ita_private.round_respondent_counts(uuid), ita_private.round_demographic_counts(uuid),
	ita_private.item_texts(text), ita_private.item_stats(public.rounds, jsonb),
	ita_private.score_counts(public.rounds, jsonb, jsonb, boolean),
	ita_private.demographic_json(public.rounds, jsonb, jsonb, jsonb),
	ita_private.hidden_instruments(public.rounds, jsonb, jsonb, jsonb)
	from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- round_results, now on the shared scoring
-- ---------------------------------------------------------------------------------

-- ---------------------------------------------------------------------------------
-- 1. Progress
-- ---------------------------------------------------------------------------------

/**
 * Collection so far, from daily_counts: O(days + channels × service points).
 *
 *   {round, today, opensOn, closesOn, targets: {staff, minIit, minEit, iit, eit},
 *    respondents: {iit, eit},
 *    daily: [{day, iit, eit}]                      every day from opening to today (or close),
 *    byChannel: [{channel, servicePoint, servicePointName, iit, eit, n}],
 *    pace: {iit: {n, target, needed, daysLeft, perDayNeeded, ratePerDay, projected, onTrack}, eit: …}}
 *
 * The IIT target is the minimum sample, but never more than the staff (targets.iit).
 * Pace, with today in Thailand:
 *   needed       = max(target − n, 0);
 *   daysLeft     = collecting days from today through the close, today included;
 *   perDayNeeded = ⌈needed / daysLeft⌉ (null when the round has closed short);
 *   ratePerDay   = responses collected before today / whole days since opening;
 *   projected    = ⌊n + ratePerDay × days after today through the close⌋;
 *   onTrack      = needed = 0, or projected ≥ target; false once closed short; null
 *                  when there is no target or no whole day yet to measure a pace on.
 */
create or replace function public.round_progress(round_code text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.readable_round(round_code);
	today date := ita_private.today();
	targets jsonb := ita_private.round_targets(r);
	result jsonb;
begin
	with
	totals as (
		select ins.instrument, (targets ->> ins.instrument)::integer as target,
			coalesce(sum(c.n), 0)::integer as n,
			coalesce(sum(c.n) filter (where c.collected_on < today), 0)::integer as before_today
		from (values ('iit'), ('eit')) ins(instrument)
			left join public.daily_counts c on c.round_id = r.round_id and c.instrument = ins.instrument
		group by ins.instrument
	),
	span as (
		select greatest(r.closes_on - greatest(today, r.opens_on) + 1, 0) as days_left,
			greatest(r.closes_on - greatest(today, r.opens_on - 1), 0) as days_ahead,
			greatest(least(today, r.closes_on + 1) - r.opens_on, 0) as days_done
	),
	rates as (
		select t.*, s.*,
			case when t.target is not null then greatest(t.target - t.n, 0) end as needed,
			case when s.days_done > 0 then t.before_today::numeric / s.days_done end as rate
		from totals t cross join span s
	),
	projections as (
		select x.*,
			case when x.days_ahead = 0 then x.n
				when x.rate is not null then floor(x.n + x.rate * x.days_ahead)::integer end as projected
		from rates x
	),
	pace as (
		select jsonb_object_agg(p.instrument, jsonb_build_object(
			'n', p.n,
			'target', p.target,
			'needed', p.needed,
			'daysLeft', p.days_left,
			'perDayNeeded', case when p.needed = 0 then 0
				when p.days_left > 0 then ceil(p.needed::numeric / p.days_left)::integer end,
			'ratePerDay', ita_private.round2(p.rate),
			'projected', p.projected,
			'onTrack', case
				when p.target is null then null
				when p.needed = 0 then true
				when p.days_left = 0 then false
				when p.projected is null then null
				else p.projected >= p.target
			end
		)) as j
		from projections p
	),
	days as (
		select r.opens_on + g as day
		from generate_series(0, least(r.closes_on, today) - r.opens_on) g
		union
		select c.collected_on from public.daily_counts c where c.round_id = r.round_id
	),
	daily as (
		select d.day,
			coalesce(sum(c.n) filter (where c.instrument = 'iit'), 0) as iit,
			coalesce(sum(c.n) filter (where c.instrument = 'eit'), 0) as eit
		from days d
			left join public.daily_counts c on c.round_id = r.round_id and c.collected_on = d.day
		group by d.day
	),
	channels as (
		select c.channel, p.code, p.name,
			coalesce(sum(c.n) filter (where c.instrument = 'iit'), 0) as iit,
			coalesce(sum(c.n) filter (where c.instrument = 'eit'), 0) as eit,
			sum(c.n) as n
		from public.daily_counts c
			left join public.service_points p on p.service_point_id = c.service_point_id
		where c.round_id = r.round_id
		group by c.channel, p.code, p.name
	)
	select jsonb_build_object(
		'round', jsonb_build_object('code', r.code, 'status', r.status, 'fiscalYear', r.fiscal_year),
		'today', today,
		'opensOn', r.opens_on,
		'closesOn', r.closes_on,
		'targets', targets,
		'respondents', (select jsonb_object_agg(t.instrument, t.n) from totals t),
		'daily', coalesce((select jsonb_agg(jsonb_build_object('day', d.day, 'iit', d.iit, 'eit', d.eit)
			order by d.day) from daily d), '[]'),
		'byChannel', coalesce((select jsonb_agg(jsonb_build_object(
				'channel', c.channel, 'servicePoint', c.code, 'servicePointName', c.name,
				'iit', c.iit, 'eit', c.eit, 'n', c.n)
			order by array_position(array['qr', 'kiosk', 'link', 'paper'], c.channel), c.code nulls first)
			from channels c), '[]'),
		'pace', (select j from pace)
	) into result;
	return result;
end;
$$;

-- ---------------------------------------------------------------------------------
-- 2. Breakdowns, with small groups suppressed
-- ---------------------------------------------------------------------------------

/**
 * Checks a results filter and returns it as the subgroup query needs it: the service
 * point's id, the channel, and the background answers {"<question>": "<option>"} to
 * match ("section" is the background question "which section did you contact"). A key
 * given as null is no condition. Anything else is 22023 naming the key.
 */
create or replace function ita_private.results_filter(
	r public.rounds,
	filter jsonb,
	out service_point_id uuid,
	out channel text,
	out demographics jsonb,
	out normalized jsonb
)
language plpgsql
stable
set search_path = ''
as $$
declare
	k text;
	v jsonb;
	known text;
	demo jsonb := '{}';
begin
	normalized := '{}';
	if filter is null or jsonb_typeof(filter) = 'null' then
		return;
	end if;
	if jsonb_typeof(filter) <> 'object' then
		raise exception using errcode = '22023', message = 'results_filter_invalid',
			hint = 'a results filter is a JSON object like {"servicePoint": "registration-1"}, {"channel": "kiosk"}, {"section": "registration"} or {"demographics": {"sex": "female"}}';
	end if;
	select string_agg(format('"%s"', x), ', ' order by x) into k
	from jsonb_object_keys(filter) x
	where x not in ('servicePoint', 'channel', 'section', 'demographics');
	if k is not null then
		raise exception using errcode = '22023', message = 'results_filter_key_unknown',
			detail = jsonb_build_object('keys', k)::text,
			hint = format('the results filter has no key %s; its keys are servicePoint, channel, section and demographics', k);
	end if;

	v := filter -> 'servicePoint';
	if v is not null and jsonb_typeof(v) <> 'null' then
		if jsonb_typeof(v) <> 'string' then
			raise exception using errcode = '22023', message = 'service_point_unknown',
				detail = jsonb_build_object('field', 'servicePoint', 'servicePoint', v::text)::text,
				hint = format('filter "servicePoint" is a service point code (text) like "registration-1", not %s', v);
		end if;
		select p.service_point_id into service_point_id from public.service_points p
		where p.agency_id = r.agency_id and p.code = v #>> '{}';
		if service_point_id is null then
			raise exception using errcode = '22023', message = 'service_point_unknown',
				detail = jsonb_build_object('field', 'servicePoint', 'servicePoint', v #>> '{}')::text,
				hint = format('filter "servicePoint": the agency of round %s has no service point %s', r.code, v #>> '{}');
		end if;
		normalized := normalized || jsonb_build_object('servicePoint', v);
	end if;

	v := filter -> 'channel';
	if v is not null and jsonb_typeof(v) <> 'null' then
		if jsonb_typeof(v) <> 'string' or (v #>> '{}') not in ('qr', 'link', 'kiosk', 'paper') then
			raise exception using errcode = '22023', message = 'results_filter_channel_invalid',
				detail = jsonb_build_object('field', 'channel', 'value', coalesce(v #>> '{}', ''))::text,
				hint = format('filter "channel" is one of "qr", "link", "kiosk" or "paper", not %s', v);
		end if;
		channel := v #>> '{}';
		normalized := normalized || jsonb_build_object('channel', v);
	end if;

	v := filter -> 'demographics';
	if v is not null and jsonb_typeof(v) <> 'null' then
		if jsonb_typeof(v) <> 'object' then
			raise exception using errcode = '22023', message = 'results_filter_invalid',
				detail = '{"field": "demographics"}',
				hint = format('filter "demographics" is an object of background answers like {"sex": "female"}, not %s', v);
		end if;
		demo := (select coalesce(jsonb_object_agg(d.key, d.value), '{}') from jsonb_each(v) d
			where jsonb_typeof(d.value) <> 'null');
	end if;
	v := filter -> 'section';
	if v is not null and jsonb_typeof(v) <> 'null' then
		if demo ? 'section' then
			raise exception using errcode = '22023', message = 'results_filter_invalid',
				detail = '{"field": "section"}',
				hint = 'filter "section" is given twice, as "section" and as "demographics.section"; give it once';
		end if;
		if not exists (select from public.framework_demographics fd
			where fd.framework_id = r.framework_id and fd.question_id = 'section') then
			raise exception using errcode = '22023', message = 'results_filter_no_sections',
				detail = jsonb_build_object('field', 'section', 'framework', r.framework_id)::text,
				hint = format('filter "section": framework %s asks no "which section" question', r.framework_id);
		end if;
		demo := demo || jsonb_build_object('section', v);
	end if;

	for k, v in select d.key, d.value from jsonb_each(demo) d order by d.key loop
		if not exists (select from public.framework_demographics fd
			where fd.framework_id = r.framework_id and fd.question_id = k) then
			select string_agg(distinct fd.question_id, ', ') into known
			from public.framework_demographics fd where fd.framework_id = r.framework_id;
			raise exception using errcode = '22023', message = 'results_filter_question_unknown',
				detail = jsonb_build_object('field', 'demographics.' || k, 'question', k,
					'framework', r.framework_id, 'questions', coalesce(known, ''))::text,
				hint = format('filter "demographics.%s": framework %s has no such background question; it has %s',
					k, r.framework_id, coalesce(known, 'none'));
		end if;
		if jsonb_typeof(v) <> 'string' or not (
			exists (select from public.framework_demographics fd
				where fd.framework_id = r.framework_id and fd.question_id = k and fd.option_code = v #>> '{}')
			or exists (select from public.framework_demographics fd, public.sections s
				where fd.framework_id = r.framework_id and fd.question_id = k and fd.source = 'section'
					and s.agency_id = r.agency_id and s.code = v #>> '{}')
		) then
			select string_agg(x.code, ', ' order by x.ord) into known from (
				select fd.option_code as code, min(fd.option_ord) as ord from public.framework_demographics fd
				where fd.framework_id = r.framework_id and fd.question_id = k group by fd.option_code
			) x;
			raise exception using errcode = '22023', message = 'results_filter_option_unknown',
				detail = jsonb_build_object(
					'field', case when k = 'section' and filter ? 'section' then 'section' else 'demographics.' || k end,
					'question', k, 'value', coalesce(v #>> '{}', v::text), 'options', coalesce(known, ''))::text,
				hint = format('filter "%s": %s is not an option of the question (%s%s)',
					case when k = 'section' and filter ? 'section' then 'section' else 'demographics.' || k end,
					v, known,
					case when exists (select from public.framework_demographics fd
						where fd.framework_id = r.framework_id and fd.question_id = k and fd.source = 'section')
						then ', or a section code of the agency' else '' end);
		end if;
	end loop;
	demographics := demo;
	if filter ? 'section' and jsonb_typeof(filter -> 'section') <> 'null' then
		normalized := normalized || jsonb_build_object('section', demo -> 'section');
		demo := demo - 'section';
	end if;
	if demo <> '{}' then
		normalized := normalized || jsonb_build_object('demographics', demo);
	end if;
end;
$$;

/**
 * round_results over the subgroup of a round's responses that match a filter:
 * {"servicePoint": "registration-1"}, {"channel": "kiosk"}, {"section": "registration"}
 * (the background answer "section contacted"), {"demographics": {"sex": "female"}}, or
 * several at once (all must hold; a response without that background answer does not
 * match). Computed from the stored responses: O(the round's responses).
 *
 * Same keys as round_results (round, method, respondents, items, questions,
 * indicators, groups, instruments, total, totalExact, level, levelLabel,
 * demographics) and: filter (as understood), minimumGroup (5), suppressed
 * {"iit": bool, "eit": bool}. OIT scores are the round's (they are not answers).
 *
 * Per instrument, when the subgroup has fewer than 5 respondents (or a filter leaves
 * 1–4 of the round outside it, see hidden_instruments): respondents.<instrument> reads
 * "< 5" (for "small"), and every item, question, indicator, sub-indicator and the
 * instrument itself, and its background tables, read {"suppressed": true, "n": "< 5",
 * "reason": "small"} instead of numbers; total reads that cell and level is null. For
 * every caller alike.
 */
create or replace function public.round_results_for(round_code text, filter jsonb)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.readable_round(round_code);
	f public.frameworks;
	cond record;
	counts jsonb;
	subgroup jsonb;
	demo_counts jsonb;
	hidden jsonb;
begin
	select * into f from public.frameworks where framework_id = r.framework_id;
	select * into cond from ita_private.results_filter(r, filter);

	with sub as materialized (
		select p.response_id, p.instrument, p.demographics
		from public.responses p
		where p.round_id = r.round_id
			and (cond.service_point_id is null or p.service_point_id = cond.service_point_id)
			and (cond.channel is null or p.channel = cond.channel)
			and not exists (select from jsonb_each(cond.demographics) d
				where ita_private.demographic_code(p.demographics -> d.key) is distinct from d.value #>> '{}')
	)
	select
		(select coalesce(jsonb_object_agg(x.item_key, x.codes), '{}')
			from (select y.item_key, jsonb_object_agg(y.code::text, y.n) as codes
				from (select a.item_key, a.code, count(*)::integer as n
					from sub s join public.answers a on a.response_id = s.response_id
					group by a.item_key, a.code) y
				group by y.item_key) x),
		jsonb_build_object(
			'iit', (select count(*)::integer from sub s where s.instrument = 'iit'),
			'eit', (select count(*)::integer from sub s where s.instrument = 'eit')),
		(select coalesce(jsonb_object_agg(z.instrument, z.questions), '{}')
			from (select y.instrument, jsonb_object_agg(y.question_id, y.options) as questions
				from (select x.instrument, x.question_id, jsonb_object_agg(x.code, x.n) as options
					from (select s.instrument, d.key as question_id,
							ita_private.demographic_code(d.value) as code, count(*)::integer as n
						from sub s cross join lateral jsonb_each(s.demographics) d
						group by 1, 2, 3) x
					where x.code is not null
					group by x.instrument, x.question_id) y
				group by y.instrument) z)
	into counts, subgroup, demo_counts;

	hidden := ita_private.hidden_instruments(r, counts, subgroup,
		ita_private.round_respondent_counts(r.round_id));

	return jsonb_build_object(
		'round', ita_private.results_round_json(r),
		'method', f.method,
		'filter', cond.normalized,
		'minimumGroup', ita_private.min_group(),
		'respondents', (select jsonb_object_agg(s.key,
				case when hidden -> s.key ->> 'reason' = 'small' then to_jsonb('< 5'::text) else s.value end)
			from jsonb_each(subgroup) s),
		'suppressed', (select jsonb_object_agg(s.key, hidden ? s.key) from jsonb_each(subgroup) s),
		'demographics', ita_private.demographic_json(r, demo_counts, subgroup, hidden)
	) || ita_private.score_counts(r, counts, hidden);
end;
$$;

-- ---------------------------------------------------------------------------------
-- 3. The weakest items
-- ---------------------------------------------------------------------------------

/**
 * 22023 unless the threshold is a number above 0 and at most 100 with two decimals at most.
 */
create or replace function ita_private.require_threshold(threshold numeric)
returns numeric
language plpgsql immutable
set search_path = ''
as $$
begin
	if threshold is null or threshold <= 0 or threshold > 100 or round(threshold, 2) <> threshold then
		raise exception using errcode = '22023', message = 'threshold_invalid',
			detail = jsonb_build_object('field', 'threshold', 'value', coalesce(threshold::text, ''))::text,
			hint = format('the threshold is a score above 0 and at most 100 with two decimals at most, like 85; not %s',
				coalesce(threshold::text, 'empty'));
	end if;
	return threshold;
end;
$$;

/**
 * The round's items scoring below a bar, lowest first, with what it would take to lift
 * them. The bar is the threshold, or the framework's top band where that is lower (the
 * lowest minimum of the best level: NACC AA 95; BMA ผ่านดีเยี่ยม 95).
 *
 *   {threshold, topBand, bar, items: [{ref, kind, instrument, indicator, subIndicator,
 *    question, questionText, itemText, n, score, gap, moreFavourable, topAnswer}]}
 *
 * kind "item": an IIT/EIT item answered by n respondents, score = its rounded score,
 * gap = bar − score. moreFavourable is k, the fewest further respondents who, each
 * giving the item's most favourable answer (topAnswer: มากที่สุด, or
 * น้อยที่สุดหรือไม่มีเลย for a negative item, มี / ไม่มี alike), would bring its score,
 * as printed (rounded half-up to two decimals), to the bar:
 *
 *   with T = the scale's top rank (3 on four levels, 1 on yes/no) and F = Σ of the
 *   favourable steps of the n answers (so score = 100·F / (T·n)), k is the least whole
 *   k ≥ 0 with round2(100·(F + k·T) / (T·(n + k))) ≥ bar. As round2(x) ≥ bar exactly
 *   when x ≥ bar − 0.005 (bar has two decimals),
 *       k = ⌈ ((bar − 0.005)·T·n − 100·F) / (T·(100 − (bar − 0.005))) ⌉,
 *   computed in whole numbers (×1000) so that no division rounds. Example: 10 answers on
 *   four levels, 4 × มากที่สุด and 6 × น้อย (F = 4·3 + 6·1 = 18, score 60.00), bar 85:
 *   k = ⌈(84.995·30 − 1800) / (3·15.005)⌉ = ⌈16.66⌉ = 17; (18 + 51)/(3·27) = 85.19 ≥ 85,
 *   while 16 give 84.62.
 *
 * kind "oit": an OIT item the assessor scored below the bar (n, moreFavourable and
 * topAnswer null: no answers lift it, evidence does).
 */
create or replace function ita_private.weak_items(r public.rounds, threshold numeric)
returns jsonb
language sql
stable
set search_path = ''
as $$
	with
	band as (
		select least(l.min, coalesce(l.instruments_min, l.min)) as top_band
		from public.framework_levels l
		where l.framework_id = r.framework_id
		order by l.ord
		limit 1
	),
	limits as (
		select threshold as threshold, (select b.top_band from band b) as top_band,
			least(threshold, coalesce((select b.top_band from band b), 100)) as bar
	),
	survey as (
		select s.item_key as ref, 'item' as kind, s.instrument, q.indicator_id, q.sub_indicator_id,
			q.question_id, t.question_text, t.item_text, s.ord::bigint as ord, s.n,
			ita_private.round2(s.exact) as score,
			l.bar - ita_private.round2(s.exact) as gap,
			-- k = ⌈num / den⌉ in whole numbers; num > 0 as the rounded score is below the bar.
			div(((1000 * l.bar - 5) * s.top_rank * s.n - 100000 * s.favour)
				+ s.top_rank * (100000 - (1000 * l.bar - 5)) - 1,
				s.top_rank * (100000 - (1000 * l.bar - 5)))::bigint as more,
			(select o.code from public.framework_items i
				join public.framework_scale_options o on o.framework_id = i.framework_id and o.scale = i.scale
				where i.framework_id = r.framework_id and i.item_key = s.item_key
					and o.rank = case when s.polarity = 'positive' then o.top_rank else 0 end) as top_answer
		from ita_private.item_stats(r, ita_private.round_answer_counts(r.round_id)) s
			join public.framework_questions q on q.framework_id = r.framework_id and q.question_id = s.question_id
			left join ita_private.item_texts(r.framework_id) t on t.item_key = s.item_key
			cross join limits l
		where s.n > 0 and ita_private.round2(s.exact) < l.bar
	),
	oit as (
		select q.question_id as ref, 'oit' as kind, q.instrument, q.indicator_id, q.sub_indicator_id,
			q.question_id, q.text as question_text, null::jsonb as item_text, q.ord::bigint * 100 as ord,
			null::bigint as n, o.score, l.bar - o.score as gap, null::bigint as more, null::smallint as top_answer
		from public.framework_questions q
			join public.oit_scores o on o.round_id = r.round_id and o.question_id = q.question_id
			cross join limits l
		where q.framework_id = r.framework_id and q.kind = 'check' and o.score is not null and o.score < l.bar
	),
	weak as (
		select * from survey union all select * from oit
	)
	select jsonb_build_object(
		'threshold', l.threshold,
		'topBand', l.top_band,
		'bar', l.bar,
		'items', coalesce((select jsonb_agg(jsonb_build_object(
				'ref', w.ref, 'kind', w.kind, 'instrument', w.instrument, 'indicator', w.indicator_id,
				'subIndicator', w.sub_indicator_id, 'question', w.question_id,
				'questionText', w.question_text, 'itemText', w.item_text, 'n', w.n,
				'score', w.score, 'gap', w.gap, 'moreFavourable', w.more, 'topAnswer', w.top_answer
			) order by w.score, w.ord) from weak w), '[]')
	)
	from limits l
$$;

/** round_weak_items: see ita_private.weak_items. Officers of the agency, central, service_role. */
create or replace function public.round_weak_items(round_code text, threshold numeric default 85)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.readable_round(round_code);
begin
	return ita_private.weak_items(r, ita_private.require_threshold(threshold));
end;
$$;

-- ---------------------------------------------------------------------------------
-- 4. The central view
-- ---------------------------------------------------------------------------------

/**
 * A whole round's scores for the central view: score_counts over its counters, with an
 * instrument of fewer than 5 respondents (or an item of 1–4) suppressed. The views read
 * the kept public.round_scores rows instead; this (and overview_row) is the reference
 * the tests compare those with, and a way to check one round by hand.
 */
create or replace function ita_private.central_scores(r public.rounds)
returns jsonb
language sql
stable
set search_path = ''
as $$
	select ita_private.score_counts(r, b.counts,
		ita_private.hidden_instruments(r, b.counts, ita_private.round_respondent_counts(r.round_id)))
	from (select ita_private.round_answer_counts(r.round_id) as counts) b
$$;

/** One round in the central view (see fiscal_year_overview). */
create or replace function ita_private.overview_row(r public.rounds)
returns jsonb
language sql
stable
set search_path = ''
as $$
	with scored as (
		select ita_private.round_respondent_counts(r.round_id) as respondents,
			ita_private.central_scores(r) as s
	)
	select jsonb_build_object(
		'agency', (select jsonb_build_object('code', a.code, 'name', a.name)
			from public.agencies a where a.agency_id = r.agency_id),
		'round', jsonb_build_object('code', r.code, 'framework', r.framework_id, 'status', r.status,
			'opensOn', r.opens_on, 'closesOn', r.closes_on),
		'respondents', x.respondents,
		'targets', ita_private.round_targets(r),
		'instruments', x.s -> 'instruments',
		'total', x.s -> 'total',
		'level', x.s -> 'level',
		'levelLabel', x.s -> 'levelLabel'
	)
	from scored x
$$;

/**
 * Every round of a fiscal year (Gregorian) that the caller may read — central
 * administrators and service_role: every agency's; an officer: their own agency's — one
 * page of them, sorted in SQL, with the ranking, the distribution of levels and the
 * progress of the whole year:
 *
 *   {fiscalYear, sort, dir, page, pageSize, count, pages,
 *    agencies: [{rank, agency: {code, name}, round: {code, framework, status, opensOn,
 *      closesOn}, respondents: {iit, eit}, targets: {staff, minIit, minEit, iit, eit},
 *      instruments: {iit: {score, exact, weight, weighted} | suppressed, eit, oit},
 *      total, level, levelLabel}],
 *    levels: [{framework, level, label, n}]   every level of the year's frameworks, and
 *                                             level null: no total to show (yet),
 *    progress: {rounds, open, scored, respondents: {iit, eit}, targetsMet: {iit, eit}}}
 *
 * sort: agency (Thai name), respondents, iit, eit, oit or total (default); dir asc or
 * desc (default: agency asc, the others desc). A row without the value (suppressed, not
 * scored) comes last either way; ties by agency code. rank: the place by total among
 * the rounds that show one (equal totals share it). page from 1, page_size 1–1000
 * (default 100). An instrument with fewer than 5 respondents in the round reads the
 * suppressed cell, and so do the round's total (and level null): this view sets
 * agencies side by side, and a score of 1–4 people is theirs.
 *
 * Reads one kept row per round (public.round_scores, …20261206003000_round_scores.sql),
 * never the counters: the numbers are those ita_private.overview_row computes.
 */
create or replace function public.fiscal_year_overview(fiscal_year integer, sort text default 'total',
	dir text default null, page integer default 1, page_size integer default 100)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	fy integer := ita_private.require_fiscal_year(fiscal_year);
	everyone boolean := ita_private.caller_is_central();
	own uuid := ita_private.caller_agency_id();
	sort_by text;
	direction text;
	result jsonb;
begin
	select x.sort_by, x.direction into sort_by, direction
	from ita_private.require_sort(sort, dir, array['agency', 'respondents', 'iit', 'eit', 'oit', 'total'],
		'total') x;
	perform ita_private.require_page(page, page_size);

	-- Every visible round as plain columns (no JSON read); the JSON of the page's rows only.
	with
	visible as (
		select x.round_id, x.code, x.framework_id, x.status, x.opens_on, x.closes_on,
			x.target_staff, x.min_iit, x.min_eit, a.code as agency_code, a.name as agency_name,
			a.name ->> 'th' as agency_th,
			coalesce(s.respondents_iit, 0) as n_iit, coalesce(s.respondents_eit, 0) as n_eit,
			case when x.min_iit is not null and x.target_staff is not null
				then least(x.min_iit, x.target_staff) else coalesce(x.min_iit, x.target_staff) end as target_iit,
			x.min_eit as target_eit,
			s.shown_total, s.shown_level, s.iit_score, s.eit_score, s.oit_score
		from public.rounds x
			join public.agencies a on a.agency_id = x.agency_id
			left join public.round_scores s on s.round_id = x.round_id
		where x.fiscal_year = fy and (everyone or x.agency_id = own)
	),
	keyed as (
		select v.round_id, v.agency_code, v.code, v.shown_total,
			case sort_by
				when 'respondents' then (v.n_iit + v.n_eit)::numeric
				when 'total' then v.shown_total
				when 'iit' then v.iit_score
				when 'eit' then v.eit_score
				when 'oit' then v.oit_score
			end as num_key,
			case when sort_by = 'agency' then ita_private.thai_sort_key(v.agency_th) end as text_key
		from visible v
	),
	ordered as (
		select k.round_id,
			row_number() over (order by
				(k.num_key is null and k.text_key is null),
				case when direction = 'asc' then k.num_key end asc,
				case when direction = 'desc' then k.num_key end desc,
				case when direction = 'asc' then k.text_key end asc,
				case when direction = 'desc' then k.text_key end desc,
				k.agency_code, k.code) as pos,
			rank() over (order by k.shown_total desc nulls last) as place
		from keyed k
	),
	on_page as materialized (
		select o.pos, o.place, v.*
		from ordered o join visible v on v.round_id = o.round_id
		where o.pos > (page - 1)::bigint * page_size and o.pos <= page::bigint * page_size
	),
	level_counts as (
		select v.framework_id, v.shown_level, count(*) as n
		from visible v group by v.framework_id, v.shown_level
	),
	levels as (
		select f.framework_id, l.code, l.label, l.ord, coalesce(c.n, 0) as n
		from (select distinct v.framework_id from visible v) f
			join public.framework_levels l on l.framework_id = f.framework_id
			left join level_counts c on c.framework_id = f.framework_id and c.shown_level = l.code
		union all
		select c.framework_id, null, null, 1000000, c.n
		from level_counts c where c.shown_level is null
	)
	select jsonb_build_object(
		'fiscalYear', fy,
		'sort', sort_by,
		'dir', direction,
		'page', page,
		'pageSize', page_size,
		'count', (select count(*) from visible),
		'pages', (select ceil(count(*)::numeric / page_size)::integer from visible),
		'agencies', coalesce((select jsonb_agg(jsonb_build_object(
				'rank', case when o.shown_total is not null then o.place end,
				'agency', jsonb_build_object('code', o.agency_code, 'name', o.agency_name),
				'round', jsonb_build_object('code', o.code, 'framework', o.framework_id,
					'status', o.status, 'opensOn', o.opens_on, 'closesOn', o.closes_on),
				'respondents', jsonb_build_object('iit', o.n_iit, 'eit', o.n_eit),
				-- As ita_private.round_targets.
				'targets', jsonb_build_object('staff', o.target_staff, 'minIit', o.min_iit,
					'minEit', o.min_eit, 'iit', o.target_iit, 'eit', o.target_eit),
				'instruments', ita_private.central_instruments(coalesce(j.instruments, '{}'), j.hidden),
				'total', ita_private.central_total(j.total, j.hidden),
				'level', o.shown_level,
				'levelLabel', case when o.shown_level is not null then j.level_label end
			) order by o.pos)
			from on_page o
				-- The JSON of the page's rows only, each by its key.
				cross join lateral (
					select s.instruments, s.total, s.level_label,
						coalesce(s.hidden, jsonb_build_object('iit', ita_private.suppressed_cell('small'),
							'eit', ita_private.suppressed_cell('small'))) as hidden
					from (select) one left join public.round_scores s on s.round_id = o.round_id
				) j), '[]'),
		'levels', coalesce((select jsonb_agg(jsonb_build_object('framework', l.framework_id,
				'level', l.code, 'label', l.label, 'n', l.n) order by l.framework_id, l.ord)
			from levels l), '[]'),
		'progress', (select jsonb_build_object(
				'rounds', count(*),
				'open', count(*) filter (where v.status = 'open'),
				'scored', count(v.shown_total),
				'respondents', jsonb_build_object('iit', coalesce(sum(v.n_iit), 0),
					'eit', coalesce(sum(v.n_eit), 0)),
				'targetsMet', jsonb_build_object(
					'iit', count(*) filter (where v.n_iit >= v.target_iit),
					'eit', count(*) filter (where v.n_eit >= v.target_eit)))
			from visible v)
	) into result;
	return result;
end;
$$;

/**
 * One question across the rounds of a fiscal year that the caller may read (as
 * fiscal_year_overview): per round whose framework has the question (any case: e1, E1),
 * one page of
 *
 *   {fiscalYear, question, sort, dir, page, pageSize, count, pages,
 *    stats: {scored, mean, min, max}   over the rounds that show a score,
 *    agencies: [{agency: {code, name}, round, framework, question, instrument, text,
 *     respondents, score, exact, points} — or, below 5 respondents of the question's
 *     instrument, {…, suppressed: true, n: "< 5", reason: "small"} without score]}
 *
 * sort: agency (Thai name, the default), score or respondents; dir asc or desc (default:
 * agency asc, the others desc); suppressed rows last, ties by agency code. respondents
 * is the round's head-count of the instrument (null for an OIT item). A question no
 * framework of the year's rounds has is 22023. Reads the kept round_question_scores rows
 * (…20261206003000_round_scores.sql) through their index on (fiscal year, question): no
 * JSON is read, and the cells are built for the page's rows only.
 */
create or replace function public.question_across_agencies(fiscal_year integer, question_id text,
	sort text default 'agency', dir text default null, page integer default 1,
	page_size integer default 100)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	fy integer := ita_private.require_fiscal_year(fiscal_year);
	wanted text := lower(btrim(question_id));
	everyone boolean := ita_private.caller_is_central();
	own uuid := ita_private.caller_agency_id();
	sort_by text;
	direction text;
	result jsonb;
begin
	if wanted is null or wanted = '' then
		raise exception using errcode = '22023', message = 'question_missing',
			detail = '{"field": "question"}', hint = 'give the question, like e1 or E1';
	end if;
	select x.sort_by, x.direction into sort_by, direction
	from ita_private.require_sort(sort, dir, array['agency', 'score', 'respondents'], 'agency') x;
	perform ita_private.require_page(page, page_size);

	-- Every visible round's row of the question, through the index on (fiscal year, question):
	-- plain columns that hold what it filters and sorts by, no join; then only as much
	-- sorting as the page needs (a bounded sort up to its last row), and the page's rows
	-- joined to their round, agency and question.
	with
	visible as (
		select k.*, case when not k.hidden then k.score end as shown_score
		from public.round_question_scores k
		where k.fiscal_year = fy and lower(k.question_id) = wanted
			and (everyone or k.agency_id = own)
	),
	-- The sort keys first in each row: the sort reads them from 2,000 or 8,325 rows, and a
	-- column after text and nulls is found by walking the row (a third of the time here).
	keyed as (
		select s.missing, s.num_up, s.num_down, s.text_up, s.text_down, v.agency_code, v.round_code,
			v.round_id, v.question_id, v.agency_id, v.framework_id, v.respondents, v.score, v.exact, v.hidden
		from visible v
			cross join lateral (
				select case sort_by
						when 'score' then v.shown_score
						when 'respondents' then v.respondents::numeric
					end as num_key,
					case when sort_by = 'agency' then v.agency_sort_key end as text_key
			) n
			-- As fiscal_year_overview: a row without the value last, either way.
			cross join lateral (
				select n.num_key is null and n.text_key is null as missing,
					case when direction = 'asc' then n.num_key end as num_up,
					case when direction = 'desc' then n.num_key end as num_down,
					case when direction = 'asc' then n.text_key end as text_up,
					case when direction = 'desc' then n.text_key end as text_down
			) s
	),
	on_page as materialized (
		select p.*, row_number() over (order by p.missing, p.num_up, p.num_down desc, p.text_up,
			p.text_down desc, p.agency_code, p.round_code) as pos
		from (
			select k.* from keyed k
			order by k.missing, k.num_up, k.num_down desc, k.text_up, k.text_down desc, k.agency_code,
				k.round_code
			limit page_size offset (page - 1)::bigint * page_size
		) p
	)
	select jsonb_build_object(
		'fiscalYear', fy,
		'question', btrim(question_id),
		'sort', sort_by,
		'dir', direction,
		'page', page,
		'pageSize', page_size,
		'count', t.n,
		'pages', ceil(t.n::numeric / page_size)::integer,
		'stats', jsonb_build_object('scored', t.scored, 'mean', ita_private.round2(t.mean),
			'min', t.min, 'max', t.max),
		'agencies', coalesce((select jsonb_agg(jsonb_build_object(
				'agency', jsonb_build_object('code', a.code, 'name', a.name),
				'round', o.round_code,
				'framework', o.framework_id,
				'question', o.question_id,
				'instrument', q.instrument,
				'text', q.text,
				'respondents', o.respondents
			-- The cell as round_results' questions["<id>"], or the suppressed one, both with
			-- points (as ita_private.score_counts writes them).
			) || case when o.hidden then ita_private.suppressed_cell('small')
				else jsonb_build_object('score', o.score, 'exact', o.exact) end
			|| jsonb_build_object('points', nullif(coalesce(q.points, 1), 1))
			order by o.pos)
			from on_page o
				join public.agencies a on a.agency_id = o.agency_id
				join public.framework_questions q on q.framework_id = o.framework_id
					and q.question_id = o.question_id), '[]')
	)
	into result
	from (select count(*) as n, count(v.shown_score) as scored, avg(v.shown_score) as mean,
		min(v.shown_score) as min, max(v.shown_score) as max from visible v) t;

	if (result ->> 'count')::integer = 0 and exists (select from public.rounds x
			where x.fiscal_year = fy and (everyone or x.agency_id = own)) then
		raise exception using errcode = '22023', message = 'question_unknown',
			detail = jsonb_build_object('field', 'question', 'question', question_id, 'year', fy + 543)::text,
			hint = format('no framework of the fiscal year %s rounds has a question %s', fy, question_id);
	end if;
	return result;
end;
$$;

-- ---------------------------------------------------------------------------------
-- 5. The improvement-measures worksheet (seeds 001, 003)
-- ---------------------------------------------------------------------------------

create table public.improvement_measures (
	round_id uuid not null references public.rounds on delete cascade,
	-- The row's place in the worksheet, 1 …
	ord integer not null check (ord > 0),
	-- An indicator or sub-indicator ("6", "9.1"), a question ("e1", "O12") or an item ("e1.1").
	item_ref text not null,
	score numeric(5, 2) check (score between 0 and 100),
	-- ผลการวิเคราะห์จุดอ่อน
	weakness text check (length(weakness) <= 4000),
	-- มาตรการ / กิจกรรม
	measure text check (length(measure) <= 4000),
	-- การสื่อสารมาตรการ
	communication text check (length(communication) <= 4000),
	-- การกำกับติดตามโดยผู้อำนวยการเขต
	monitoring text check (length(monitoring) <= 4000),
	-- ความถี่ในการติดตาม
	cadence text check (length(cadence) <= 4000),
	-- ผู้รับผิดชอบ
	responsible_section text check (length(responsible_section) <= 4000),
	-- ผลการดำเนินการ
	result text check (length(result) <= 4000),
	updated_at timestamptz not null default now(),
	primary key (round_id, ord)
);
alter table public.improvement_measures enable row level security;

comment on table public.improvement_measures is
	'The improvement-measures worksheet of a round (columns of seeds 001 and 003); written through save_measures().';

revoke all on public.improvement_measures from public, anon, authenticated;
grant select on public.improvement_measures to authenticated;
grant all on public.improvement_measures to service_role;

create policy "Officers can read their agency's improvement measures" on public.improvement_measures
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = improvement_measures.round_id and ita_private.can_manage_agency(r.agency_id))
	);

/**
 * What a worksheet row refers to in a framework, matched without regard to case or
 * spaces: an item (e1.1), a question or OIT item (e1, O12) or an indicator,
 * sub-indicator or group (6, 9.1, 9.1.1). No row when it is none of these.
 */
create or replace function ita_private.framework_ref(framework text, wanted text)
returns table (ref text, kind text, instrument text, text jsonb)
language sql
stable
set search_path = ''
as $$
	select x.ref, x.kind, x.instrument, x.text
	from (
		select i.item_key as ref, 'item' as kind, i.instrument, coalesce(t.item_text, t.question_text) as text, 1 as pick
		from public.framework_items i
			join ita_private.item_texts(framework) t on t.item_key = i.item_key
		where i.framework_id = framework and lower(i.item_key) = lower(btrim(wanted))
		union all
		select q.question_id, case q.kind when 'check' then 'oit' else 'question' end, q.instrument, q.text, 2
		from public.framework_questions q
		where q.framework_id = framework and lower(q.question_id) = lower(btrim(wanted))
		union all
		select n.node_id, n.kind, n.instrument, n.name, 3
		from public.framework_nodes n
		where n.framework_id = framework and n.node_id = btrim(wanted)
	) x
	order by x.pick
	limit 1
$$;

/** A round's worksheet rows, in order, with what each refers to. */
create or replace function ita_private.measures_json(r public.rounds)
returns jsonb
language sql
stable
set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_build_object(
		'ord', m.ord,
		'itemRef', m.item_ref,
		'kind', fr.kind,
		'instrument', fr.instrument,
		'text', fr.text,
		'score', m.score,
		'weakness', m.weakness,
		'measure', m.measure,
		'communication', m.communication,
		'monitoring', m.monitoring,
		'cadence', m.cadence,
		'responsibleSection', m.responsible_section,
		'result', m.result,
		'updatedAt', m.updated_at
	) order by m.ord), '[]')
	from public.improvement_measures m
		left join lateral ita_private.framework_ref(r.framework_id, m.item_ref) fr on true
	where m.round_id = r.round_id
$$;

/**
 * The round's improvement-measures worksheet: [{ord, itemRef, kind, instrument, text,
 * score, weakness, measure, communication, monitoring, cadence, responsibleSection,
 * result, updatedAt}]. While the worksheet is empty, it is first filled with the weak
 * items (round_weak_items at 85: item and score, the rest to be written), so an emptied
 * worksheet comes back pre-filled too.
 */
create or replace function public.list_measures(round_code text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.readable_round(round_code);
begin
	if not exists (select from public.improvement_measures m where m.round_id = r.round_id) then
		insert into public.improvement_measures (round_id, ord, item_ref, score)
		select r.round_id, w.ord, w.value ->> 'ref', (w.value ->> 'score')::numeric
		from jsonb_array_elements(ita_private.weak_items(r, 85) -> 'items') with ordinality w(value, ord)
		-- Two first calls at once fill it with the same rows.
		on conflict do nothing;
	end if;
	return ita_private.measures_json(r);
end;
$$;

/**
 * Replaces the round's worksheet with rows [{itemRef, score, weakness, measure,
 * communication, monitoring, cadence, responsibleSection, result}] in that order (the
 * keys list_measures adds — ord, kind, instrument, text, updatedAt — may be sent back
 * and are ignored). All or nothing: the first bad row is 22023 naming its number and
 * key, and nothing changes. itemRef must be an indicator, question or item of the
 * round's framework; score 0–100 with two decimals or null; texts at most 4000
 * characters, blank read as none. A row saved unchanged keeps its updatedAt. Returns
 * what list_measures returns.
 */
create or replace function public.save_measures(round_code text, rows jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.readable_round(round_code);
	texts constant text[] := array['weakness', 'measure', 'communication', 'monitoring', 'cadence',
		'responsibleSection', 'result'];
	readonly constant text[] := array['ord', 'kind', 'instrument', 'text', 'updatedAt'];
	row_value jsonb;
	idx bigint;
	k text;
	v jsonb;
	ref_found text;
	clean jsonb := '[]';
	problems jsonb := '[]';
	score numeric;
	one jsonb;
	old jsonb;
begin
	if rows is null or jsonb_typeof(rows) <> 'array' then
		raise exception using errcode = '22023', message = 'measures_not_rows',
			hint = 'the measures are a JSON array of rows like [{"itemRef": "e1.1", "measure": "…", "responsibleSection": "…"}]';
	end if;
	if jsonb_array_length(rows) > 500 then
		raise exception using errcode = '22023', message = 'measures_too_many_rows',
			detail = jsonb_build_object('count', jsonb_array_length(rows))::text,
			hint = format('a worksheet holds at most 500 rows; this one has %s', jsonb_array_length(rows));
	end if;

	-- Every row is checked, and every problem named at once (measures_invalid, detail.problems:
	-- [{row, field, code, …}]), so that one save shows the officer all there is to fix.
	for row_value, idx in select e.value, e.ord from jsonb_array_elements(rows) with ordinality e(value, ord) loop
		if jsonb_typeof(row_value) <> 'object' then
			problems := problems || jsonb_build_object('row', idx, 'code', 'measures_row_invalid');
			continue;
		end if;
		select string_agg(format('"%s"', x), ', ' order by x) into k
		from jsonb_object_keys(row_value) x
		where not (x = any(texts || readonly || array['itemRef', 'score']));
		if k is not null then
			-- For API callers: the keys are itemRef, score, weakness, measure, communication,
			-- monitoring, cadence, responsibleSection and result.
			problems := problems || jsonb_build_object('row', idx, 'code', 'measures_row_invalid', 'keys', k);
			continue;
		end if;

		ref_found := null;
		if jsonb_typeof(row_value -> 'itemRef') is distinct from 'string'
			or btrim(row_value ->> 'itemRef', E' \t\r\n') = '' then
			problems := problems || jsonb_build_object('row', idx, 'field', 'itemRef',
				'code', 'measures_item_ref_missing');
		else
			select fr.ref into ref_found from ita_private.framework_ref(r.framework_id, row_value ->> 'itemRef') fr;
			if ref_found is null then
				problems := problems || jsonb_build_object('row', idx, 'field', 'itemRef',
					'code', 'measures_item_ref_unknown', 'value', row_value ->> 'itemRef',
					'framework', r.framework_id);
			end if;
		end if;

		v := row_value -> 'score';
		score := case when jsonb_typeof(v) = 'number' then (v #>> '{}')::numeric end;
		if v is not null and jsonb_typeof(v) <> 'null'
			and (score is null or score not between 0 and 100 or round(score, 2) <> score) then
			problems := problems || jsonb_build_object('row', idx, 'field', 'score',
				'code', 'measures_score_invalid', 'value', v #>> '{}');
		end if;

		one := jsonb_build_object('ord', idx, 'item_ref', ref_found,
			'score', case when jsonb_typeof(v) = 'number' then v end);
		foreach k in array texts loop
			v := row_value -> k;
			if v is not null and jsonb_typeof(v) not in ('string', 'null') then
				problems := problems || jsonb_build_object('row', idx, 'field', k,
					'code', 'measures_row_invalid');
			elsif length(v #>> '{}') > 4000 then
				problems := problems || jsonb_build_object('row', idx, 'field', k,
					'code', 'measures_text_too_long');
			else
				one := one || jsonb_build_object(
					case k when 'responsibleSection' then 'responsible_section' else k end,
					nullif(btrim(v #>> '{}', E' \t\r\n'), ''));
			end if;
		end loop;
		clean := clean || jsonb_build_array(one);
	end loop;
	if problems <> '[]' then
		raise exception using errcode = '22023', message = 'measures_invalid',
			detail = jsonb_build_object('problems', problems)::text,
			hint = format('%s problem(s) in the measures: %s', jsonb_array_length(problems),
				(select string_agg(format('row %s%s: %s', p ->> 'row',
					coalesce(' ' || (p ->> 'field'), ''), p ->> 'code'), '; ')
				from jsonb_array_elements(problems) p));
	end if;

	-- One save at a time per round: the next one waits and then sees this one's rows.
	perform from public.rounds x where x.round_id = r.round_id for no key update;

	with gone as (
		delete from public.improvement_measures m where m.round_id = r.round_id returning m.*
	)
	select coalesce(jsonb_agg(to_jsonb(g) - 'round_id'), '[]') into old from gone g;

	insert into public.improvement_measures (round_id, ord, item_ref, score, weakness, measure,
		communication, monitoring, cadence, responsible_section, result, updated_at)
	select r.round_id, (c.value ->> 'ord')::integer, c.value ->> 'item_ref', (c.value ->> 'score')::numeric,
		c.value ->> 'weakness', c.value ->> 'measure', c.value ->> 'communication',
		c.value ->> 'monitoring', c.value ->> 'cadence', c.value ->> 'responsible_section',
		c.value ->> 'result',
		-- Both hold every column (nulls included); numbers compare by value (60 = 60.00).
		coalesce((select (o.value ->> 'updated_at')::timestamptz from jsonb_array_elements(old) o
			where (o.value - 'updated_at') = c.value), now())
	from jsonb_array_elements(clean) c;

	return ita_private.measures_json(r);
end;
$$;

-- ---------------------------------------------------------------------------------
-- 6. Export of responses
-- ---------------------------------------------------------------------------------

/**
 * The round's responses without what could identify a respondent, as a JSON array:
 *
 *   [{"n": 1, "day": "2026-11-22", "instrument": "eit", "channel": "qr",
 *     "servicePoint": "registration-1", "demographics": {"sex": "female",
 *     "occupation": "other"}, "variants": {"E3": "permit"}, "answers": {"E1.1": 4, …}}]
 *
 * No response id (a device-made UUID, possibly time-based): n numbers the rows in
 * order of day, instrument and a hash of the id, so that the order within a day says
 * nothing of who came first. The day only (no time is stored anyway). The free text of
 * an "other, please specify" answer is dropped: only its code remains.
 */
create or replace function public.export_responses(round_code text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.readable_round(round_code);
	result jsonb;
begin
	select coalesce(jsonb_agg(jsonb_build_object(
		'n', x.n,
		'day', x.collected_on,
		'instrument', x.instrument,
		'channel', x.channel,
		'servicePoint', sp.code,
		'demographics', (select coalesce(jsonb_object_agg(d.key, ita_private.demographic_code(d.value)), '{}')
			from jsonb_each(x.demographics) d),
		'variants', x.variants,
		'answers', (select coalesce(jsonb_object_agg(a.item_key, a.code), '{}')
			from public.answers a where a.response_id = x.response_id)
	) order by x.n), '[]')
	into result
	from (
		select p.*, row_number() over (
			order by p.collected_on, p.instrument, md5(p.response_id::text)) as n
		from public.responses p
		where p.round_id = r.round_id
	) x
		left join public.service_points sp on sp.service_point_id = x.service_point_id;
	return result;
end;
$$;

revoke all on function ita_private.results_filter(public.rounds, jsonb),
	ita_private.require_threshold(numeric), ita_private.weak_items(public.rounds, numeric),
	ita_private.central_scores(public.rounds), ita_private.overview_row(public.rounds),
	ita_private.framework_ref(text, text),
	ita_private.measures_json(public.rounds)
	from public, anon, authenticated, service_role;

revoke all on function public.round_progress(text), public.round_results_for(text, jsonb),
	public.round_weak_items(text, numeric),
	public.fiscal_year_overview(integer, text, text, integer, integer),
	public.question_across_agencies(integer, text, text, text, integer, integer), public.list_measures(text),
	public.save_measures(text, jsonb), public.export_responses(text)
	from public, anon;
grant execute on function public.round_progress(text), public.round_results_for(text, jsonb),
	public.round_weak_items(text, numeric),
	public.fiscal_year_overview(integer, text, text, integer, integer),
	public.question_across_agencies(integer, text, text, text, integer, integer), public.list_measures(text),
	public.save_measures(text, jsonb), public.export_responses(text)
	to authenticated, service_role;
