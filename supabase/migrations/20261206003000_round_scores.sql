-- National scale (issue 16): every round's scores kept in one row, current after every
-- commit, so that the cross-agency views read one row per round instead of scoring each
-- round from its counters.
--
-- How the row is kept. Statement-level triggers on the tables a score is computed from
-- (answer_counts, respondent_counts, oit_scores, rounds) mark the rounds their statement
-- touched as stale: one UPDATE of round_scores per statement, from the statement's
-- transition table, whoever wrote the counters (submit_responses, recount_round, a later
-- release of held responses, an OIT edit). A deferred constraint trigger on round_scores
-- then recomputes each stale round once, when the transaction commits, with the same
-- function round_results uses (ita_private.score_counts). Marking takes the row's lock,
-- so two transactions of one round refresh one after the other and the one that commits
-- last computes from the counters of both: no update is lost.
--
-- The cost is one score_counts per round per transaction (a submitted batch of 100
-- responses of one round: one), measured by `npm run bench:ingest` and `npm run bench:scale`.
--
-- The same refresh keeps round_question_scores, a narrow row per round and question, which
-- the per-question comparison reads through an index on (fiscal year, question).

create table public.round_scores (
	round_id uuid primary key references public.rounds on delete cascade,
	-- True between a change of the round's counters or OIT scores and the end of its
	-- transaction, when the deferred trigger recomputes the row.
	stale boolean not null default true,
	respondents_iit integer not null default 0,
	respondents_eit integer not null default 0,
	-- As round_results returns them (nothing suppressed): instruments {iit: {score,
	-- exact, weight, weighted}, …}, questions {"<id>": {score, exact, points}}, and the
	-- indicators, sub-indicators and groups.
	instruments jsonb not null default '{}',
	questions jsonb not null default '{}',
	indicators jsonb not null default '{}',
	groups jsonb not null default '{}',
	total numeric,
	total_exact numeric,
	level text,
	level_label jsonb,
	-- ita_private.hidden_instruments of the whole round: {"<instrument>": <suppressed
	-- cell>} for an instrument of fewer than 5 respondents (or an item of 1–4), which the
	-- central view must not show, nor the total.
	hidden jsonb not null default '{}',
	refreshed_at timestamptz not null default now(),
	-- What the central view sorts, ranks and counts by, as plain columns so that a
	-- national year's 8,325 rows are sorted without reading their JSON: a score the view
	-- shows, or null (hidden, or none yet).
	shown_total numeric generated always as (case when hidden = '{}' then total end) stored,
	shown_level text generated always as (case when hidden = '{}' then level end) stored,
	iit_score numeric generated always as (
		case when not hidden ? 'iit' then (instruments -> 'iit' ->> 'score')::numeric end) stored,
	eit_score numeric generated always as (
		case when not hidden ? 'eit' then (instruments -> 'eit' ->> 'score')::numeric end) stored,
	oit_score numeric generated always as (
		case when not hidden ? 'oit' then (instruments -> 'oit' ->> 'score')::numeric end) stored
)
-- The JSON of a row (a few kilobytes) is kept out of line, so that a fiscal year's rows
-- are read for sorting and counting without it; a page of 100 fetches its own.
with (toast_tuple_target = 128);
alter table public.round_scores enable row level security;

comment on table public.round_scores is
	'Each round''s scores as round_results computes them, kept current by triggers on the counters and OIT scores (recomputed once per round at the end of each transaction).';

-- Read through the functions only (fiscal_year_overview, question_across_agencies), as every
-- table: the API roles hold no table privilege (see 20261206002000_hardening.sql).
revoke all on public.round_scores from public, anon, authenticated;
grant all on public.round_scores to service_role;

create policy "Officers can read their agency's round scores" on public.round_scores
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = round_scores.round_id and ita_private.can_manage_agency(r.agency_id))
	);

-- The central view reads a fiscal year's rounds.
create index rounds_fiscal_year_idx on public.rounds (fiscal_year, agency_id);

-- One row per round and question of its framework, kept with the round's row (by the same
-- refresh, in the same transaction): what the per-question comparison reads. One question
-- across a fiscal year's rounds is one index scan of small rows that hold everything it
-- filters and sorts by, so that only the page's rows are joined to their round and agency
-- (joining every round and agency of a national year cost as much as the rest together).
create table public.round_question_scores (
	round_id uuid not null references public.round_scores on delete cascade,
	question_id text not null,
	-- The round's and its agency's, copied so that one index finds a question across a
	-- fiscal year and its rows sort without a join: written by each refresh, which an
	-- update of the round or of the agency's code or name also triggers.
	fiscal_year integer not null,
	agency_id uuid not null,
	agency_code text not null,
	-- ita_private.thai_sort_key of the agency's Thai name.
	agency_sort_key text not null,
	round_code text not null,
	framework_id text not null,
	-- The round's head-count of the question's instrument; null for an OIT item.
	respondents integer,
	-- As round_results' questions["<id>"] (nothing suppressed): two decimals, and unrounded.
	score numeric,
	exact numeric,
	-- The question's instrument is suppressed in the central view (round_scores.hidden has it).
	hidden boolean not null,
	primary key (round_id, question_id)
);
alter table public.round_question_scores enable row level security;

comment on table public.round_question_scores is
	'Each round''s question scores as round_results computes them, one row per question, kept with round_scores by the same refresh.';

-- "e1" or "E1" in one fiscal year: the per-question comparison matches any case. The index
-- holds every column that comparison reads, so that it reads a question's rows from a few
-- index pages instead of one heap page per round (a round's rows lie together, a
-- question's do not): an index-only scan wherever vacuum has marked the pages visible,
-- which at 2,000 agencies took its time from 8.5 to 5.5 ms (CPU, bench:scale's data).
create index round_question_scores_year_idx on public.round_question_scores (fiscal_year, lower(question_id))
	include (round_id, question_id, agency_id, agency_code, agency_sort_key, round_code, framework_id,
		respondents, score, exact, hidden);

revoke all on public.round_question_scores from public, anon, authenticated;
grant all on public.round_question_scores to service_role;

create policy "Officers can read their agency's question scores" on public.round_question_scores
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = round_question_scores.round_id and ita_private.can_manage_agency(r.agency_id))
	);

/**
 * Recomputes one round's kept scores from its counters and OIT scores — its round_scores
 * row and its round_question_scores rows — if the row is still stale (it is locked
 * first, so a concurrent refresh of the same round waits and then finds it done or reads
 * the newer counters).
 */
create or replace function ita_private.refresh_round_scores(round uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds;
	counts jsonb;
	respondents jsonb;
	s jsonb;
	hidden_cells jsonb;
	agency record;
begin
	perform from public.round_scores x where x.round_id = round and x.stale for update;
	if not found then
		return;
	end if;
	select * into r from public.rounds x where x.round_id = round;
	if r.round_id is null then
		return;
	end if;
	-- Statements of their own, so that each reads what is committed once the lock is held.
	counts := ita_private.round_answer_counts(round);
	respondents := ita_private.round_respondent_counts(round);
	s := ita_private.score_counts(r, counts, '{}', false);
	hidden_cells := ita_private.hidden_instruments(r, counts, respondents);
	update public.round_scores x set
		stale = false,
		respondents_iit = (respondents ->> 'iit')::integer,
		respondents_eit = (respondents ->> 'eit')::integer,
		instruments = s -> 'instruments',
		questions = s -> 'questions',
		indicators = s -> 'indicators',
		groups = s -> 'groups',
		total = (s ->> 'total')::numeric,
		total_exact = (s ->> 'totalExact')::numeric,
		level = s ->> 'level',
		level_label = nullif(s -> 'levelLabel', 'null'),
		hidden = hidden_cells,
		refreshed_at = now()
	where x.round_id = round;

	-- The question rows: a row left as it was is not written again (the OIT items' rows,
	-- while responses arrive), and a question no longer in the round's framework goes.
	select a.code, ita_private.thai_sort_key(a.name ->> 'th') as sort_key into agency
	from public.agencies a where a.agency_id = r.agency_id;
	insert into public.round_question_scores as x (round_id, question_id, fiscal_year, agency_id,
		agency_code, agency_sort_key, round_code, framework_id, respondents, score, exact, hidden)
	select round, q.question_id, r.fiscal_year, r.agency_id, agency.code, agency.sort_key, r.code,
		r.framework_id,
		(respondents ->> q.instrument)::integer,
		(s -> 'questions' -> q.question_id ->> 'score')::numeric,
		(s -> 'questions' -> q.question_id ->> 'exact')::numeric,
		hidden_cells ? q.instrument
	from public.framework_questions q
	where q.framework_id = r.framework_id
	on conflict (round_id, question_id) do update set
		fiscal_year = excluded.fiscal_year,
		agency_id = excluded.agency_id,
		agency_code = excluded.agency_code,
		agency_sort_key = excluded.agency_sort_key,
		round_code = excluded.round_code,
		framework_id = excluded.framework_id,
		respondents = excluded.respondents,
		score = excluded.score,
		exact = excluded.exact,
		hidden = excluded.hidden
	where (x.fiscal_year, x.agency_id, x.agency_code, x.agency_sort_key, x.round_code, x.framework_id,
			x.respondents, x.score, x.exact, x.hidden)
		is distinct from (excluded.fiscal_year, excluded.agency_id, excluded.agency_code,
			excluded.agency_sort_key, excluded.round_code, excluded.framework_id, excluded.respondents,
			excluded.score, excluded.exact, excluded.hidden);
	delete from public.round_question_scores x
	where x.round_id = round and not exists (select from public.framework_questions q
		where q.framework_id = r.framework_id and q.question_id = x.question_id);
end;
$$;

/** The deferred trigger on round_scores: refreshes a row marked stale, at commit. */
create or replace function ita_private.round_scores_refresh()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform ita_private.refresh_round_scores(new.round_id);
	return null;
end;
$$;

create constraint trigger round_scores_refresh
	after insert or update on public.round_scores
	deferrable initially deferred
	for each row when (new.stale)
	execute function ita_private.round_scores_refresh();

/**
 * Statement-level trigger on the tables scores come from: marks the rounds the statement
 * touched as stale (their row is refreshed at commit). Rows are marked in round order,
 * as count_responses writes the counters, so that concurrent batches lock alike.
 */
create or replace function ita_private.mark_rounds_stale()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_op = 'DELETE' then
		update public.round_scores x set stale = true
		from (select distinct o.round_id from old_rows o order by 1) c
		where x.round_id = c.round_id;
	else
		update public.round_scores x set stale = true
		from (select distinct n.round_id from new_rows n order by 1) c
		where x.round_id = c.round_id;
	end if;
	return null;
end;
$$;

/**
 * An agency's code or name changed: its rounds are marked stale, so that their question
 * rows, which hold the code and the name's sort key, are written again at commit (rare).
 */
create or replace function ita_private.mark_agency_rounds_stale()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update public.round_scores x set stale = true
	from (select r.round_id from public.rounds r where r.agency_id = new.agency_id order by 1) c
	where x.round_id = c.round_id;
	return null;
end;
$$;

/** A new round gets its (empty) scores row, computed at commit. */
create or replace function ita_private.add_round_scores()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	insert into public.round_scores (round_id)
	select n.round_id from new_rows n
	on conflict (round_id) do update set stale = true;
	return null;
end;
$$;

create trigger answer_counts_insert_scores after insert on public.answer_counts
	referencing new table as new_rows for each statement execute function ita_private.mark_rounds_stale();
create trigger answer_counts_update_scores after update on public.answer_counts
	referencing new table as new_rows for each statement execute function ita_private.mark_rounds_stale();
create trigger answer_counts_delete_scores after delete on public.answer_counts
	referencing old table as old_rows for each statement execute function ita_private.mark_rounds_stale();
create trigger respondent_counts_insert_scores after insert on public.respondent_counts
	referencing new table as new_rows for each statement execute function ita_private.mark_rounds_stale();
create trigger respondent_counts_update_scores after update on public.respondent_counts
	referencing new table as new_rows for each statement execute function ita_private.mark_rounds_stale();
create trigger respondent_counts_delete_scores after delete on public.respondent_counts
	referencing old table as old_rows for each statement execute function ita_private.mark_rounds_stale();
create trigger oit_scores_insert_scores after insert on public.oit_scores
	referencing new table as new_rows for each statement execute function ita_private.mark_rounds_stale();
create trigger oit_scores_update_scores after update on public.oit_scores
	referencing new table as new_rows for each statement execute function ita_private.mark_rounds_stale();
create trigger oit_scores_delete_scores after delete on public.oit_scores
	referencing old table as old_rows for each statement execute function ita_private.mark_rounds_stale();
-- A round's framework or settings edited: scored again (rare, and cheap).
create trigger rounds_update_scores after update on public.rounds
	referencing new table as new_rows for each statement execute function ita_private.mark_rounds_stale();
create trigger rounds_insert_scores after insert on public.rounds
	referencing new table as new_rows for each statement execute function ita_private.add_round_scores();
create trigger agencies_update_scores after update of code, name on public.agencies
	for each row when (old.code is distinct from new.code or old.name is distinct from new.name)
	execute function ita_private.mark_agency_rounds_stale();

revoke all on function ita_private.refresh_round_scores(uuid), ita_private.round_scores_refresh(),
	ita_private.mark_rounds_stale(), ita_private.mark_agency_rounds_stale(), ita_private.add_round_scores()
	from public, anon, authenticated, service_role;

-- Rounds made before this migration: their rows, computed when it commits.
insert into public.round_scores (round_id) select round_id from public.rounds;

-- ---------------------------------------------------------------------------------
-- What the central view shows of a kept row
-- ---------------------------------------------------------------------------------

/**
 * The instruments as the central view shows them: a hidden instrument's cell (with its
 * weight) instead of its numbers — what score_counts returns when given `hidden`.
 */
create or replace function ita_private.central_instruments(instruments jsonb, hidden jsonb)
returns jsonb
language sql immutable
set search_path = ''
as $$
	select coalesce(jsonb_object_agg(i.key,
		case when hidden ? i.key
			then (hidden -> i.key) || jsonb_build_object('weight', i.value -> 'weight')
			else i.value end), '{}')
	from jsonb_each(instruments) i
$$;

/** The total as the central view shows it: the first hidden instrument's cell, if any. */
create or replace function ita_private.central_total(total numeric, hidden jsonb)
returns jsonb
language sql immutable
set search_path = ''
as $$
	select case when hidden = '{}' then to_jsonb(total)
		else (select h.value from jsonb_each(hidden) h order by h.key limit 1) end
$$;

/**
 * A sort key for Thai names in byte order: a leading vowel (เ แ โ ใ ไ) is written before
 * the consonant it follows in speech, and Thai dictionaries sort by that consonant, so
 * it is moved after it. Needs no ICU collation (PGlite has none).
 */
create or replace function ita_private.thai_sort_key(name text)
returns text
language sql immutable
set search_path = ''
as $$
	select regexp_replace(name, '([เแโใไ])([ก-ฮ])', '\2\1', 'g')
$$;

/** Page number and size, checked: 22023 with the allowed range. */
create or replace function ita_private.require_page(page integer, page_size integer)
returns void
language plpgsql immutable
set search_path = ''
as $$
begin
	if page is null or page < 1 then
		raise exception using errcode = '22023', message = 'page_invalid',
			detail = jsonb_build_object('field', 'page', 'value', coalesce(page::text, ''))::text,
			hint = format('page must be 1 or more, not %s', coalesce(page::text, 'null'));
	end if;
	if page_size is null or page_size not between 1 and 1000 then
		raise exception using errcode = '22023', message = 'page_size_invalid',
			detail = jsonb_build_object('field', 'page_size', 'value', coalesce(page_size::text, ''))::text,
			hint = format('page_size must be between 1 and 1000, not %s', coalesce(page_size::text, 'null'));
	end if;
end;
$$;

/**
 * A view's sort and direction, checked: sort one of options (null: fallback), dir asc or
 * desc (null: asc for agency, desc for the rest, highest first). 22023 sort_invalid with
 * the options, or sort_direction_invalid. Returns both, trimmed and in lower case.
 */
create or replace function ita_private.require_sort(sort text, dir text, options text[], fallback text,
	out sort_by text, out direction text)
language plpgsql immutable
set search_path = ''
as $$
begin
	sort_by := lower(btrim(coalesce(sort, fallback)));
	if not sort_by = any(options) then
		raise exception using errcode = '22023', message = 'sort_invalid',
			detail = jsonb_build_object('field', 'sort', 'value', coalesce(sort, ''),
				'options', array_to_string(options, ', '))::text,
			hint = format('sort by %s or %s, not %s',
				array_to_string(options[1:cardinality(options) - 1], ', '), options[cardinality(options)], sort);
	end if;
	direction := lower(btrim(coalesce(dir, case when sort_by = 'agency' then 'asc' else 'desc' end)));
	if direction not in ('asc', 'desc') then
		raise exception using errcode = '22023', message = 'sort_direction_invalid',
			detail = jsonb_build_object('field', 'dir', 'value', coalesce(dir, ''))::text,
			hint = format('dir is asc or desc, not %s', dir);
	end if;
end;
$$;

revoke all on function ita_private.central_instruments(jsonb, jsonb),
	ita_private.central_total(numeric, jsonb), ita_private.thai_sort_key(text),
	ita_private.require_page(integer, integer), ita_private.require_sort(text, text, text[], text)
	from public, anon, authenticated, service_role;
