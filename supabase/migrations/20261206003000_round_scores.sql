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
	-- {"<question>": score}: what the per-question comparison sorts by, small enough to
	-- stay in the row (the full JSON above is moved out of it, see toast_tuple_target).
	question_scores jsonb not null default '{}',
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
alter table public.round_scores alter column question_scores set storage main;
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

/**
 * Recomputes one round's kept scores from its counters and OIT scores, if the row is
 * still stale (it is locked first, so a concurrent refresh of the same round waits and
 * then finds it done or reads the newer counters).
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
	update public.round_scores x set
		stale = false,
		respondents_iit = (respondents ->> 'iit')::integer,
		respondents_eit = (respondents ->> 'eit')::integer,
		instruments = s -> 'instruments',
		questions = s -> 'questions',
		question_scores = coalesce((select jsonb_object_agg(q.key, q.value -> 'score')
			from jsonb_each(s -> 'questions') q), '{}'),
		indicators = s -> 'indicators',
		groups = s -> 'groups',
		total = (s ->> 'total')::numeric,
		total_exact = (s ->> 'totalExact')::numeric,
		level = s ->> 'level',
		level_label = nullif(s -> 'levelLabel', 'null'),
		hidden = ita_private.hidden_instruments(r, counts, respondents),
		refreshed_at = now()
	where x.round_id = round;
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

revoke all on function ita_private.refresh_round_scores(uuid), ita_private.round_scores_refresh(),
	ita_private.mark_rounds_stale(), ita_private.add_round_scores()
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

/** One question's cell in the central view (as score_counts' questions with `hidden`). */
create or replace function ita_private.central_question(questions jsonb, question_id text,
	instrument text, hidden jsonb)
returns jsonb
language sql immutable
set search_path = ''
as $$
	select case when hidden ? instrument
		then (hidden -> instrument) || jsonb_build_object('points', questions -> question_id -> 'points')
		else questions -> question_id end
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

revoke all on function ita_private.central_instruments(jsonb, jsonb),
	ita_private.central_total(numeric, jsonb), ita_private.central_question(jsonb, text, text, jsonb),
	ita_private.thai_sort_key(text), ita_private.require_page(integer, integer)
	from public, anon, authenticated, service_role;
