-- Responses and their answers, the counters kept with them, and submit_responses():
-- the one way answers enter the database.
--
-- A response keeps the day it was collected, never the time: in a small office a
-- time of day can tell who answered. Responses have no created_at on purpose.

-- Function bodies here refer to objects made in later files (the baseline keeps each
-- function where it was first defined): checked when they run, as pg_dump does.
set local check_function_bodies = off;

create table public.responses (
	-- Generated on the device, so a retry or a replayed batch is counted once.
	response_id uuid primary key,
	round_id uuid not null references public.rounds on delete cascade,
	instrument text not null check (instrument in ('iit', 'eit')),
	channel text not null check (channel in ('qr', 'link', 'kiosk', 'paper')),
	service_point_id uuid references public.service_points on delete set null,
	collected_on date not null,
	demographics jsonb not null default '{}',
	variants jsonb not null default '{}'
);
alter table public.responses enable row level security;
create index responses_round_idx on public.responses (round_id, instrument);

create table public.answers (
	response_id uuid not null references public.responses on delete cascade,
	item_key text not null,
	code smallint not null,
	primary key (response_id, item_key)
);
alter table public.answers enable row level security;

-- Kept in the transaction that stores the answers, so that reading a round's
-- results costs O(items), not O(responses).
create table public.answer_counts (
	round_id uuid not null references public.rounds on delete cascade,
	item_key text not null,
	code smallint not null,
	n integer not null check (n >= 0),
	primary key (round_id, item_key, code)
);
alter table public.answer_counts enable row level security;

create table public.respondent_counts (
	round_id uuid not null references public.rounds on delete cascade,
	instrument text not null check (instrument in ('iit', 'eit')),
	n integer not null check (n >= 0),
	primary key (round_id, instrument)
);
alter table public.respondent_counts enable row level security;

create table public.demographic_counts (
	round_id uuid not null references public.rounds on delete cascade,
	instrument text not null check (instrument in ('iit', 'eit')),
	question_id text not null,
	option_code text not null,
	n integer not null check (n >= 0),
	primary key (round_id, instrument, question_id, option_code)
);
alter table public.demographic_counts enable row level security;

grant all on public.responses, public.answers, public.answer_counts, public.respondent_counts,
	public.demographic_counts to service_role;
grant select on public.responses, public.answers, public.answer_counts, public.respondent_counts,
	public.demographic_counts to authenticated;

create policy "Officers can read their agency's responses" on public.responses
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = responses.round_id and ita_private.can_manage_agency(r.agency_id))
	);
create policy "Officers can read their agency's answers" on public.answers
	for select to authenticated using (
		exists (select from public.responses p join public.rounds r using (round_id)
			where p.response_id = answers.response_id and ita_private.can_manage_agency(r.agency_id))
	);
create policy "Officers can read their agency's answer counts" on public.answer_counts
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = answer_counts.round_id and ita_private.can_manage_agency(r.agency_id))
	);
create policy "Officers can read their agency's respondent counts" on public.respondent_counts
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = respondent_counts.round_id and ita_private.can_manage_agency(r.agency_id))
	);
create policy "Officers can read their agency's demographic counts" on public.demographic_counts
	for select to authenticated using (
		exists (select from public.rounds r
			where r.round_id = demographic_counts.round_id and ita_private.can_manage_agency(r.agency_id))
	);

/** One rejection: a code the screens translate, and a reason a person can act on. */
create or replace function ita_private.rejection(response_id text, code text, reason text)
returns jsonb
language sql immutable
set search_path = ''
as $$
	select jsonb_build_object('id', response_id, 'status', 'rejected', 'code', code, 'reason', reason)
$$;

/**
 * Checks one response against its round and framework. Returns null when it may be
 * stored, else the rejection. Reads only; the caller stores.
 */
create or replace function ita_private.check_response(
	resp jsonb, r public.rounds, caller text, sp_id uuid, findings jsonb default null
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
	rid text := resp ->> 'id';
	instr text := resp ->> 'instrument';
	channel text := coalesce(resp ->> 'channel', case when resp ? 'servicePoint' then 'qr' else 'link' end);
	answers jsonb := resp -> 'answers';
	demo jsonb := coalesce(resp -> 'demographics', '{}');
	variants jsonb := coalesce(resp -> 'variants', '{}');
	collected date;
	today date := ita_private.today();
	n_answers bigint;
	unknown_items text;
	duplicated_items text;
	invalid_answers text;
	missing_items text;
	unknown_variants text;
	missing_variants text;
	unknown_demographics text;
	invalid_demographics text;
	missing_demographics text;
begin
	if r.status <> 'open' then
		return ita_private.rejection(rid, 'round_closed',
			format('Round %s is %s and takes no responses.', r.code, r.status));
	end if;
	if today < r.opens_on then
		return ita_private.rejection(rid, 'round_not_open',
			format('Round %s opens on %s.', r.code, r.opens_on));
	end if;
	if today > r.closes_on then
		return ita_private.rejection(rid, 'round_closed',
			format('Round %s closed on %s.', r.code, r.closes_on));
	end if;

	if instr is null or instr not in ('iit', 'eit') then
		return ita_private.rejection(rid, 'unknown_instrument',
			format('"instrument" must be "iit" or "eit", not %s.', coalesce(resp -> 'instrument', 'null'::jsonb)));
	end if;
	if not coalesce((findings ->> 'has_items')::boolean, exists (select from public.framework_items i
		where i.framework_id = r.framework_id and i.instrument = instr)) then
		return ita_private.rejection(rid, 'unknown_instrument',
			format('Framework %s has no %s questionnaire.', r.framework_id, upper(instr)));
	end if;

	if channel not in ('qr', 'link', 'kiosk', 'paper') then
		return ita_private.rejection(rid, 'invalid_channel',
			format('"channel" must be qr, link, kiosk or paper, not %s.', channel));
	end if;
	if channel = 'paper' and caller <> 'service_role' and not ita_private.can_manage_agency(r.agency_id) then
		return ita_private.rejection(rid, 'not_allowed',
			'Paper responses are imported by the agency''s officers, not sent from the survey page.');
	end if;
	if resp ? 'servicePoint' and sp_id is null then
		return ita_private.rejection(rid, 'unknown_service_point',
			format('The agency has no service point with the code %s.', resp ->> 'servicePoint'));
	end if;

	-- The shared code; single-use codes are checked by submit_responses (…_trust.sql).
	if instr = 'iit' and r.iit_codes = 'shared' and r.iit_access_code is not null and channel <> 'paper'
		and (resp ->> 'accessCode') is distinct from r.iit_access_code then
		return ita_private.rejection(rid, 'wrong_access_code',
			'The IIT access code is missing or wrong. Ask the ITA working group for the code of this round.');
	end if;

	if resp ? 'collectedOn' then
		if jsonb_typeof(resp -> 'collectedOn') <> 'string'
			or (resp ->> 'collectedOn') !~ '^\d{4}-\d{2}-\d{2}$' then
			return ita_private.rejection(rid, 'invalid_date',
				'"collectedOn" must be a day written YYYY-MM-DD (no time).');
		end if;
		begin
			collected := (resp ->> 'collectedOn')::date;
		exception when others then
			return ita_private.rejection(rid, 'invalid_date',
				format('"collectedOn" %s is not a calendar day.', resp ->> 'collectedOn'));
		end;
		-- One day of slack for a device clock or time zone a little off.
		if collected < r.opens_on or collected > today + 1 then
			return ita_private.rejection(rid, 'invalid_date',
				format('A response of round %s is collected between %s and today, not on %s.',
					r.code, r.opens_on, collected));
		end if;
	end if;

	if answers is null or jsonb_typeof(answers) <> 'object' then
		return ita_private.rejection(rid, 'invalid_answers',
			'"answers" must be an object like {"i1.1": 4}.');
	end if;

	-- The findings below, computed for the whole batch at once by submit_responses
	-- (migration 20261122001000_kiosks.sql: one query, same columns) when it passes them.
	if findings is not null then
		n_answers := (findings ->> 'n_answers')::bigint;
		unknown_items := findings ->> 'unknown_items';
		duplicated_items := findings ->> 'duplicated_items';
		invalid_answers := findings ->> 'invalid_answers';
		missing_items := findings ->> 'missing_items';
		unknown_variants := findings ->> 'unknown_variants';
		missing_variants := findings ->> 'missing_variants';
		unknown_demographics := findings ->> 'unknown_demographics';
		invalid_demographics := findings ->> 'invalid_demographics';
		missing_demographics := findings ->> 'missing_demographics';
	else
	-- Every check of the answers, variants and background answers in one query: a
	-- response is checked on the submitting path, where a statement per check was most
	-- of the cost. Each column is one check's finding (null: none); they are reported
	-- below in the order a person fixes them. Items are matched without regard to case or
	-- spaces, as paper imports are typed by hand.
	with
	a as (
		select e.key, e.value, e.ord, lower(btrim(e.key)) as k
		from jsonb_each(answers) with ordinality e(key, value, ord)
	),
	fi as (
		select i.item_key, lower(i.item_key) as k, i.question_id, i.scale, i.required, i.ord
		from public.framework_items i
		where i.framework_id = r.framework_id and i.instrument = instr
	),
	scales as (
		select o.scale, array_agg(o.code::numeric) as codes
		from public.framework_scale_options o
		where o.framework_id = r.framework_id
		group by o.scale
	),
	m as (
		select a.key, a.value, a.ord, a.k, fi.item_key, fi.question_id,
			case when fi.item_key is null then null
				when jsonb_typeof(a.value) <> 'number' then false
				else (a.value::text)::numeric = any(s.codes)
			end as valid
		from a left join fi on fi.k = a.k left join scales s on s.scale = fi.scale
	),
	v as (
		select e.key, e.value from jsonb_each(
			case when jsonb_typeof(variants) = 'object' then variants else '{}' end) e
	),
	d as (
		select e.key, e.value from jsonb_each(
			case when jsonb_typeof(demo) = 'object' then demo else '{}' end) e
	),
	fd as (
		select x.* from public.framework_demographics x
		where x.framework_id = r.framework_id and x.instrument = instr
	)
	select
		(select count(*) from a),
		(select string_agg(m.key, ', ' order by m.ord) from m where m.item_key is null),
		(select string_agg(g.k, ', ' order by g.k) from (
			select a.k from a group by a.k having count(*) > 1) g),
		(select string_agg(format('%s = %s', m.key, m.value), ', ' order by m.ord)
			from m where not m.valid),
		(select string_agg(fi.item_key, ', ' order by fi.ord) from fi
			where fi.required and not exists (select from a where a.k = fi.k)),
		(select string_agg(v.key, ', ') from v
			where not exists (select from public.framework_variants x
				where x.framework_id = r.framework_id and x.question_id = v.key
					and jsonb_typeof(v.value) = 'string' and x.variant_id = v.value #>> '{}')),
		(select string_agg(distinct m.question_id, ', ') from m
			where m.question_id is not null and not variants ? m.question_id
				and exists (select from public.framework_variants x
					where x.framework_id = r.framework_id and x.question_id = m.question_id)),
		(select string_agg(d.key, ', ') from d
			where not exists (select from fd where fd.question_id = d.key)),
		-- An answer is an option code (for "which section", also a section of the agency),
		-- or {"code": "other", "text": "…"} where the option asks to specify.
		(select string_agg(format('%s = %s', d.key, d.value), ', ') from d
			where not exists (
				select from fd
				where fd.question_id = d.key
					and (
						(jsonb_typeof(d.value) = 'string' and fd.option_code = d.value #>> '{}')
						or (jsonb_typeof(d.value) = 'string' and fd.source = 'section'
							and exists (select from public.sections s
								where s.agency_id = r.agency_id and s.code = d.value #>> '{}'))
						or (jsonb_typeof(d.value) = 'object' and fd.specify
							and fd.option_code = d.value ->> 'code'
							and jsonb_typeof(d.value -> 'text') = 'string'
							and length(d.value ->> 'text') <= 200
							and (select count(*) from jsonb_object_keys(d.value)) = 2)
					)
			)),
		(select string_agg(distinct fd.question_id, ', ') from fd
			where fd.required and not demo ? fd.question_id)
	into n_answers, unknown_items, duplicated_items, invalid_answers, missing_items,
		unknown_variants, missing_variants, unknown_demographics, invalid_demographics,
		missing_demographics;
	end if;

	if n_answers > 300 then
		return ita_private.rejection(rid, 'response_too_large',
			'A response holds at most 300 answers.');
	end if;
	if unknown_items is not null then
		return ita_private.rejection(rid, 'unknown_item',
			format('%s %s not in the %s questionnaire of %s.', unknown_items,
				case when unknown_items like '%,%' then 'are' else 'is' end, upper(instr), r.framework_id));
	end if;
	if duplicated_items is not null then
		return ita_private.rejection(rid, 'duplicated_item',
			format('Item %s is answered more than once.', duplicated_items));
	end if;
	if invalid_answers is not null then
		return ita_private.rejection(rid, 'invalid_answer',
			format('%s: not an answer of the item''s scale (1–4, or 1 = มี / 0 = ไม่มี).', invalid_answers));
	end if;
	if missing_items is not null then
		return ita_private.rejection(rid, 'missing_item',
			format('Required item %s not answered.', missing_items));
	end if;

	-- A question with versions per service (E3) needs the version answered.
	if jsonb_typeof(variants) <> 'object' then
		return ita_private.rejection(rid, 'invalid_variant', '"variants" must be an object like {"E3": "permit"}.');
	end if;
	if unknown_variants is not null then
		return ita_private.rejection(rid, 'invalid_variant',
			format('Unknown question or service type in "variants": %s.', unknown_variants));
	end if;
	if missing_variants is not null then
		return ita_private.rejection(rid, 'missing_variant',
			format('Question %s asks which service was used: give it in "variants".', missing_variants));
	end if;

	if jsonb_typeof(demo) <> 'object' then
		return ita_private.rejection(rid, 'invalid_demographics',
			'"demographics" must be an object like {"sex": "female"}.');
	end if;
	if unknown_demographics is not null then
		return ita_private.rejection(rid, 'invalid_demographics',
			format('%s %s not a background question of the %s.', unknown_demographics,
				case when unknown_demographics like '%,%' then 'are' else 'is' end, upper(instr)));
	end if;
	if invalid_demographics is not null then
		return ita_private.rejection(rid, 'invalid_demographics',
			format('Not an option of the question: %s.', invalid_demographics));
	end if;
	if missing_demographics is not null then
		return ita_private.rejection(rid, 'invalid_demographics',
			format('Required background question %s not answered.', missing_demographics));
	end if;

	return null;
end;
$$;

/**
 * Stores a batch of responses (a JSON array; each like one line of the CLI's NDJSON:
 * {"id", "round", "instrument", "channel", "servicePoint", "collectedOn", "answers",
 * "demographics", "variants", "accessCode"}; a kiosk's also "kioskKey" and
 * "collectedAt"; a phone's also "deviceId", "secondsSpent" and, for single-use IIT codes,
 * "iitCode") and answers, per response in order,
 * {"id", "status": "accepted" | "duplicate" | "rejected", "code", "reason"}.
 *
 * A response whose id is already stored (counted or held) is a duplicate and counted
 * once, however often it is sent. A rejected response leaves no row and does not make a
 * later copy with the same id a duplicate. A response over a limit or implausible
 * (ita_private.hold_reasons; migration 20261206001000_trust.sql) is stored in
 * held_responses and answered "accepted" like a counted one. Counters are updated in the
 * same transaction, with counted responses only.
 *
 * Codes (single-use, or the round's shared code) are throttled per client address: a
 * request whose address already has 10 wrong or used codes in this 10-minute window is
 * refused with HTTP 429 (nothing stored); one that reaches the limit mid-batch gets
 * "too_many_attempts" for its further coded responses.
 */
create or replace function public.submit_responses(batch jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	caller text := ita_private.caller_role();
	max_batch constant integer := 500;
	address text := case when caller <> 'service_role' then ita_private.client_address() end;
	address_hash text;
	hashed_round uuid;
	resp jsonb;
	idx bigint;
	rid uuid;
	rid_text text;
	r public.rounds;
	sp_id uuid;
	k_id uuid;
	instr text;
	ch text;
	code_text text;
	coded boolean;
	reasons text[];
	verdict jsonb;
	results jsonb[] := '{}';
	seen uuid[] := '{}';
	accepted uuid[] := '{}';
	throttle_checked uuid[] := '{}';
	codes_used uuid[] := '{}';
	any_limited boolean := false;
	-- Address and service point windows of this request: locked and read once, counted
	-- here, written back at the end.
	win timestamptz := ita_private.current_window();
	lim integer;
	lim_key text;
	extreme boolean;
	aw_round uuid;
	aw_addr text;
	aw_base integer;
	aw_base_extreme integer;
	aw_added integer := 0;
	aw_added_extreme integer := 0;
	sp_key text;
	sp_base jsonb := '{}';
	sp_added jsonb := '{}';
	sp_n integer;
	inserted integer;
	n_accepted integer := 0;
	n_duplicate integer := 0;
	n_rejected integer := 0;
	-- The answer, variant and background findings of check_response for every response
	-- of the batch, keyed by its position: one query instead of one per response.
	findings jsonb;
	today date := ita_private.today();
	-- The service point looked up last (a device's batch names one, or none).
	sp_round uuid;
	sp_code text;
	sp_found uuid;
	-- The responses to store (neither held, nor refused, nor a kiosk's), by their place in
	-- the batch: stored after the loop with one insert into responses and one into answers.
	p_idx bigint[] := '{}';
	p_rid uuid[] := '{}';
	p_round uuid[] := '{}';
	p_framework text[] := '{}';
	p_instr text[] := '{}';
	p_ch text[] := '{}';
	p_sp uuid[] := '{}';
	stored uuid[];
	not_stored bigint[];
begin
	if batch is null or jsonb_typeof(batch) <> 'array' then
		raise exception using errcode = '22023', message = 'batch_not_array',
			hint = 'submit_responses expects "batch": a JSON array of responses. Send {"batch": [{"id": "<uuid>", "round": "<code>", "instrument": "eit", "answers": {…}}]}.';
	end if;
	if jsonb_array_length(batch) > max_batch then
		raise exception using errcode = 'PT413', message = 'batch_too_large',
			detail = jsonb_build_object('max', max_batch, 'count', jsonb_array_length(batch))::text,
			hint = format('a batch holds at most %s responses; this one has %s. Send the rest in further batches.',
				max_batch, jsonb_array_length(batch));
	end if;

	-- check_response's query (20261122000300_responses.sql), for all responses at once:
	-- the same findings, each aggregated per response (b.ord). A response left out (no
	-- such round, answers not an object, unknown instrument) is checked on its own.
	with
	b as (
		select e.ord, e.value as resp, ro.framework_id, ro.agency_id, e.value ->> 'instrument' as instr,
			coalesce(e.value -> 'variants', '{}') as variants,
			coalesce(e.value -> 'demographics', '{}') as demo
		from jsonb_array_elements(batch) with ordinality e(value, ord)
			join public.rounds ro on ro.code = e.value ->> 'round'
		where jsonb_typeof(e.value) = 'object' and jsonb_typeof(e.value -> 'answers') = 'object'
			and e.value ->> 'instrument' in ('iit', 'eit')
	),
	a as materialized (
		select b.ord, x.key, x.value, x.o, lower(btrim(x.key)) as k, b.framework_id, b.instr
		from b, jsonb_each(b.resp -> 'answers') with ordinality x(key, value, o)
	),
	fi as materialized (
		select i.framework_id, i.instrument, i.item_key, lower(i.item_key) as k, i.question_id,
			i.scale, i.required, i.ord,
			-- Whether the item's question has versions per service (checked once per item,
			-- not once per answer).
			exists (select from public.framework_variants x
				where x.framework_id = i.framework_id and x.question_id = i.question_id) as has_variants
		from public.framework_items i
		where (i.framework_id, i.instrument) in (select distinct b.framework_id, b.instr from b)
	),
	-- Required items per questionnaire: a response whose answers (none given twice) match
	-- as many of them has none missing.
	req as (
		select fi.framework_id, fi.instrument, count(*) as n
		from fi where fi.required group by fi.framework_id, fi.instrument
	),
	scales as (
		select o.framework_id, o.scale, array_agg(o.code::numeric) as codes
		from public.framework_scale_options o
		where o.framework_id in (select b.framework_id from b)
		group by o.framework_id, o.scale
	),
	m as materialized (
		select a.ord, a.key, a.value, a.o, a.k, fi.item_key, fi.question_id, fi.required,
			fi.has_variants,
			case when fi.item_key is null then null
				when jsonb_typeof(a.value) <> 'number' then false
				else (a.value::text)::numeric = any(s.codes)
			end as valid
		from a
			left join fi on fi.framework_id = a.framework_id and fi.instrument = a.instr and fi.k = a.k
			left join scales s on s.framework_id = a.framework_id and s.scale = fi.scale
	),
	-- Counted per response without sorting; the lists of the few wrong answers below.
	ma as (
		select m.ord, count(*) as n_answers,
			count(*) filter (where m.required) as n_required
		from m group by m.ord
	),
	unk as (
		select m.ord, string_agg(m.key, ', ' order by m.o) as unknown_items
		from m where m.item_key is null group by m.ord
	),
	inv as (
		select m.ord, string_agg(format('%s = %s', m.key, m.value), ', ' order by m.o) as invalid_answers
		from m where not m.valid group by m.ord
	),
	dup as (
		select g.ord, string_agg(g.k, ', ' order by g.k) as duplicated_items
		from (select a.ord, a.k from a group by a.ord, a.k having count(*) > 1) g
		group by g.ord
	),
	miss as (
		-- Listed only for the responses that answer fewer required items than there are
		-- (or answer one twice).
		select b.ord, string_agg(fi.item_key, ', ' order by fi.ord) as missing_items
		from b join fi on fi.framework_id = b.framework_id and fi.instrument = b.instr
			left join ma on ma.ord = b.ord
			left join req on req.framework_id = b.framework_id and req.instrument = b.instr
			left join dup on dup.ord = b.ord
		where fi.required and (coalesce(ma.n_required, 0) < req.n or dup.ord is not null)
			and not exists (select from a where a.ord = b.ord and a.k = fi.k)
		group by b.ord
	),
	uv as (
		select b.ord, string_agg(v.key, ', ' order by v.o) as unknown_variants
		from b, jsonb_each(case when jsonb_typeof(b.variants) = 'object' then b.variants else '{}' end)
			with ordinality v(key, value, o)
		where not exists (select from public.framework_variants x
			where x.framework_id = b.framework_id and x.question_id = v.key
				and jsonb_typeof(v.value) = 'string' and x.variant_id = v.value #>> '{}')
		group by b.ord
	),
	mv as (
		select b.ord, string_agg(distinct m.question_id, ', ') as missing_variants
		from b join m on m.ord = b.ord
		where m.has_variants and not b.variants ? m.question_id
		group by b.ord
	),
	fd as materialized (
		select x.* from public.framework_demographics x
		where (x.framework_id, x.instrument) in (select distinct b.framework_id, b.instr from b)
	),
	d as (
		select b.ord, b.framework_id, b.instr, b.agency_id, e.key, e.value, e.o
		from b, jsonb_each(case when jsonb_typeof(b.demo) = 'object' then b.demo else '{}' end)
			with ordinality e(key, value, o)
	),
	ud as (
		select d.ord, string_agg(d.key, ', ' order by d.o) as unknown_demographics
		from d
		where not exists (select from fd where fd.framework_id = d.framework_id
			and fd.instrument = d.instr and fd.question_id = d.key)
		group by d.ord
	),
	idm as (
		select d.ord, string_agg(format('%s = %s', d.key, d.value), ', ' order by d.o) as invalid_demographics
		from d
		where not exists (
			select from fd
			where fd.framework_id = d.framework_id and fd.instrument = d.instr
				and fd.question_id = d.key
				and (
					(jsonb_typeof(d.value) = 'string' and fd.option_code = d.value #>> '{}')
					or (jsonb_typeof(d.value) = 'string' and fd.source = 'section'
						and exists (select from public.sections s
							where s.agency_id = d.agency_id and s.code = d.value #>> '{}'))
					or (jsonb_typeof(d.value) = 'object' and fd.specify
						and fd.option_code = d.value ->> 'code'
						and jsonb_typeof(d.value -> 'text') = 'string'
						and length(d.value ->> 'text') <= 200
						and (select count(*) from jsonb_object_keys(d.value)) = 2)
				)
		)
		group by d.ord
	),
	md as (
		select b.ord, string_agg(distinct fd.question_id, ', ') as missing_demographics
		from b join fd on fd.framework_id = b.framework_id and fd.instrument = b.instr
		where fd.required and not b.demo ? fd.question_id
		group by b.ord
	)
	select jsonb_object_agg(b.ord::text, jsonb_build_object(
		'has_items', exists (select from fi where fi.framework_id = b.framework_id and fi.instrument = b.instr),
		'n_answers', coalesce(ma.n_answers, 0),
		'unknown_items', unk.unknown_items,
		'duplicated_items', dup.duplicated_items,
		'invalid_answers', inv.invalid_answers,
		'missing_items', miss.missing_items,
		'unknown_variants', uv.unknown_variants,
		'missing_variants', mv.missing_variants,
		'unknown_demographics', ud.unknown_demographics,
		'invalid_demographics', idm.invalid_demographics,
		'missing_demographics', md.missing_demographics))
	into findings
	from b
		left join ma on ma.ord = b.ord
		left join unk on unk.ord = b.ord
		left join inv on inv.ord = b.ord
		left join dup on dup.ord = b.ord
		left join miss on miss.ord = b.ord
		left join uv on uv.ord = b.ord
		left join mv on mv.ord = b.ord
		left join ud on ud.ord = b.ord
		left join idm on idm.ord = b.ord
		left join md on md.ord = b.ord;

	-- The batch's ids already stored (counted or held), read once: duplicates, as the ids
	-- stored earlier in the batch are.
	seen := array(
		with ids as (
			select (e.value ->> 'id')::uuid as id
			from jsonb_array_elements(batch) e
			where jsonb_typeof(e.value) = 'object'
				and (e.value ->> 'id') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
		)
		select p.response_id from public.responses p where p.response_id in (select ids.id from ids)
		union
		select h.response_id from public.held_responses h where h.response_id in (select ids.id from ids));

	for resp, idx in select e.value, e.ord from jsonb_array_elements(batch) with ordinality e(value, ord) loop
		rid := null;
		rid_text := case when jsonb_typeof(resp) = 'object' then resp ->> 'id' end;
		verdict := null;
		sp_id := null;
		k_id := null;
		reasons := '{}';

		if jsonb_typeof(resp) <> 'object' then
			verdict := ita_private.rejection(null, 'invalid_response',
				format('Response %s of the batch is not a JSON object.', idx));
		elsif rid_text is null
			or rid_text !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
			verdict := ita_private.rejection(rid_text, 'invalid_id',
				format('Response %s has no "id" UUID made on the device.', idx));
		elsif length(resp::text) > 20000 then
			verdict := ita_private.rejection(rid_text, 'response_too_large',
				'A response is at most 20,000 characters of JSON.');
		else
			rid := rid_text::uuid;
			if rid = any(seen) then
				verdict := jsonb_build_object('id', rid, 'status', 'duplicate');
			else
				if r.round_id is null or r.code is distinct from resp ->> 'round' then
					select * into r from public.rounds where code = resp ->> 'round';
				end if;
				if r.round_id is null then
					verdict := ita_private.rejection(rid_text, 'unknown_round',
						format('No round has the code %s.', coalesce(resp ->> 'round', '(none given)')));
				else
					if resp ? 'servicePoint' then
						if sp_round is distinct from r.round_id or sp_code is distinct from resp ->> 'servicePoint' then
							select s.service_point_id into sp_found from public.service_points s
							where s.agency_id = r.agency_id and s.code = resp ->> 'servicePoint';
							sp_round := r.round_id;
							sp_code := resp ->> 'servicePoint';
						end if;
						sp_id := sp_found;
					end if;
					verdict := ita_private.check_response(resp, r, caller, sp_id, findings -> idx::text);
					-- A device key belongs with a kiosk's response only.
					if verdict is null and resp ? 'kioskKey' and resp ->> 'channel' is distinct from 'kiosk' then
						verdict := ita_private.rejection(rid_text, 'invalid_channel',
							'"kioskKey" is sent with "channel": "kiosk" only.');
					end if;
					if verdict is null and resp ? 'deviceId' and (jsonb_typeof(resp -> 'deviceId') <> 'string'
						or (resp ->> 'deviceId') !~ '^[A-Za-z0-9_-]{16,100}$') then
						verdict := ita_private.rejection(rid_text, 'invalid_device_id',
							'"deviceId" is the id the app keeps on this device: 16 to 100 letters, digits, - or _.');
					end if;
					if verdict is null and resp ? 'secondsSpent' and (jsonb_typeof(resp -> 'secondsSpent') <> 'number'
						or (resp ->> 'secondsSpent')::numeric not between 0 and 10000000) then
						verdict := ita_private.rejection(rid_text, 'invalid_seconds_spent',
							'"secondsSpent" is the number of seconds spent answering (0 or more).');
					end if;
					-- A tablet's response carries its key. The service role (an import, or answers
					-- recovered from a tablet's exported file) may store one without, as officers
					-- import paper; with a key, the kiosk's checks apply to it too.
					if verdict is null and resp ->> 'channel' = 'kiosk'
						and (resp ? 'kioskKey' or caller <> 'service_role') then
						select c.verdict, c.kiosk_id into verdict, k_id
						from ita_private.check_kiosk_response(resp, r) c;
					end if;

					instr := resp ->> 'instrument';
					ch := coalesce(resp ->> 'channel', case when sp_id is not null then 'qr' else 'link' end);
					if address is not null and hashed_round is distinct from r.round_id then
						address_hash := ita_private.salted_hash(r.round_id, 'address:' || address);
						hashed_round := r.round_id;
					end if;

					-- IIT codes: the shared one (checked in check_response) or a single-use one.
					code_text := null;
					coded := false;
					if instr = 'iit' and ch <> 'paper' and caller <> 'service_role'
						and (verdict is null or verdict ->> 'code' = 'wrong_access_code') then
						if r.iit_codes = 'single' then
							code_text := coalesce(resp ->> 'iitCode', resp ->> 'accessCode');
							if verdict is null and code_text is null then
								verdict := ita_private.rejection(rid_text, 'iit_code_missing',
									'This round''s IIT is answered with a one-time code from a slip handed out by the ITA working group.');
							end if;
							coded := code_text is not null;
						else
							coded := r.iit_access_code is not null;
						end if;
					elsif instr = 'iit' and caller = 'service_role' and r.iit_codes = 'single' and verdict is null then
						-- An import may carry a slip's code (it is then used); without one it is stored.
						code_text := coalesce(resp ->> 'iitCode', resp ->> 'accessCode');
						coded := code_text is not null;
					end if;
					if coded then
						if not r.round_id = any(throttle_checked) then
							-- Over the limit already: the whole request is refused (429), nothing stored.
							perform ita_private.refuse_if_guessing(r.round_id, address_hash);
							throttle_checked := throttle_checked || r.round_id;
						end if;
						if address_hash is not null and ita_private.code_failures(r.round_id, address_hash)
							>= ita_private.code_attempt_limit() then
							verdict := ita_private.rejection(rid_text, 'too_many_attempts',
								'Too many wrong or used codes were sent from this network; this response was not checked. Send it again in 10 minutes.');
						elsif r.iit_codes = 'shared' then
							if verdict ->> 'code' = 'wrong_access_code' then
								perform ita_private.record_code_failure(r.round_id, address_hash);
							end if;
						elsif ita_private.use_iit_code(r.round_id, code_text) then
							if not r.round_id = any(codes_used) then
								codes_used := codes_used || r.round_id;
							end if;
						else
							perform ita_private.record_code_failure(r.round_id, address_hash);
							verdict := ita_private.rejection(rid_text, 'iit_code_used',
								'This code was already used or is not a code of this round. Each slip admits one response; ask the ITA working group for a new slip.');
						end if;
					end if;

					-- Limits and plausibility: phones and browsers; not imports, paper or kiosks.
					-- Without a known address (SQL called directly, not through an API) only the
					-- device and time rules apply.
					if verdict is null and caller <> 'service_role' and ch not in ('paper', 'kiosk')
						and (address_hash is not null or resp ? 'deviceId' or resp ? 'secondsSpent') then
						any_limited := true;
						extreme := false;
						sp_n := null;
						if address_hash is not null then
							if lim_key is distinct from r.round_id::text || ':' || coalesce(sp_id::text, '') then
								lim := ita_private.address_limit(r, sp_id);
								lim_key := r.round_id::text || ':' || coalesce(sp_id::text, '');
							end if;
							if aw_round is distinct from r.round_id or aw_addr is distinct from address_hash then
								if aw_round is not null then
									update public.address_windows w
									set responses = w.responses + aw_added, extreme = w.extreme + aw_added_extreme
									where w.round_id = aw_round and w.address_hash = aw_addr and w.window_start = win;
								end if;
								select l.responses, l.extreme into aw_base, aw_base_extreme
								from ita_private.lock_address_window(r.round_id, address_hash, win) l;
								aw_round := r.round_id;
								aw_addr := address_hash;
								aw_added := 0;
								aw_added_extreme := 0;
							end if;
							-- An answer 2 or 3 (four-level scales only) rules out a straight line at once.
							extreme := not (resp -> 'answers' @? '$.* ? (@ == 2 || @ == 3)')
								and ita_private.extreme_straight_line(resp -> 'answers', r.framework_id, instr);
							aw_added := aw_added + 1;
							if extreme then
								aw_added_extreme := aw_added_extreme + 1;
							end if;
							if sp_id is not null then
								sp_key := r.round_id::text || ':' || sp_id::text;
								if not sp_base ? sp_key then
									sp_base := sp_base || jsonb_build_object(sp_key,
										ita_private.lock_service_point_window(r.round_id, sp_id, win));
								end if;
								sp_added := sp_added || jsonb_build_object(sp_key,
									coalesce((sp_added ->> sp_key)::integer, 0) + 1);
								sp_n := (sp_base ->> sp_key)::integer + (sp_added ->> sp_key)::integer;
							end if;
						end if;
						-- Most responses: no device, no time, under every count: nothing to decide.
						if resp ? 'deviceId' or resp ? 'secondsSpent' or extreme
							or aw_base + aw_added > lim or sp_n > 2 * lim then
							reasons := ita_private.hold_reasons(resp, r, instr, sp_id, lim,
								case when address_hash is not null then aw_base + aw_added end,
								case when address_hash is not null then aw_base_extreme + aw_added_extreme end,
								extreme, sp_n);
						end if;
					end if;
				end if;
			end if;
		end if;

		if verdict is null and cardinality(reasons) > 0 then
			insert into public.held_responses (response_id, round_id, instrument, channel, service_point_id,
				collected_on, demographics, variants, answers, reasons, seconds_per_question)
			select rid, r.round_id, instr, ch, sp_id,
				coalesce((resp ->> 'collectedOn')::date, today),
				coalesce(resp -> 'demographics', '{}'), coalesce(resp -> 'variants', '{}'),
				(select jsonb_object_agg(i.item_key, (a.value::text)::smallint)
					from jsonb_each(resp -> 'answers') a
						join public.framework_items i on i.framework_id = r.framework_id
							and i.instrument = instr and lower(i.item_key) = lower(btrim(a.key))),
				reasons,
				case when resp ? 'secondsSpent' then round((resp ->> 'secondsSpent')::numeric
					/ nullif(ita_private.questions_answered(resp -> 'answers', r.framework_id, instr), 0), 1) end
			on conflict (response_id) do nothing;
			get diagnostics inserted = row_count;
			-- Held: answered as accepted, so the device is done with it; counted nowhere.
			verdict := jsonb_build_object('id', rid,
				'status', case when inserted = 0 then 'duplicate' else 'accepted' end);
		elsif verdict is null and k_id is not null then
			-- A kiosk's response is stored at once: the kiosk's next response is checked
			-- against the time of this one (ita_private.check_kiosk_response).
			insert into public.responses (response_id, round_id, instrument, channel, service_point_id,
				collected_on, demographics, variants, kiosk_id)
			values (rid, r.round_id, instr, ch,
				sp_id, coalesce((resp ->> 'collectedOn')::date, today),
				coalesce(resp -> 'demographics', '{}'), coalesce(resp -> 'variants', '{}'), k_id)
			on conflict (response_id) do nothing;
			get diagnostics inserted = row_count;
			if inserted = 0 then
				-- Stored by a concurrent request since we looked: still only once.
				verdict := jsonb_build_object('id', rid, 'status', 'duplicate');
			else
				insert into public.answers (response_id, item_key, code)
				select rid, i.item_key, (a.value::text)::smallint
				from jsonb_each(resp -> 'answers') a
					join public.framework_items i on i.framework_id = r.framework_id
						and i.instrument = instr
						and lower(i.item_key) = lower(btrim(a.key));
				update public.kiosks k
				set last_collected_at = greatest(k.last_collected_at, (resp ->> 'collectedAt')::timestamptz)
				where k.kiosk_id = k_id;
				accepted := accepted || rid;
				verdict := jsonb_build_object('id', rid, 'status', 'accepted');
			end if;
		elsif verdict is null then
			-- Stored after the loop, with the batch's other counted responses; "accepted"
			-- unless a concurrent request stores the same id first (see below).
			p_idx := p_idx || idx;
			p_rid := p_rid || rid;
			p_round := p_round || r.round_id;
			p_framework := p_framework || r.framework_id;
			p_instr := p_instr || instr;
			p_ch := p_ch || ch;
			p_sp := p_sp || sp_id;
			verdict := jsonb_build_object('id', rid, 'status', 'accepted');
		end if;

		-- Only a stored id makes a later copy a duplicate: a rejected copy must not.
		if rid is not null and verdict ->> 'status' <> 'rejected' then
			seen := seen || rid;
		end if;
		case verdict ->> 'status'
			when 'accepted' then n_accepted := n_accepted + 1;
			when 'duplicate' then n_duplicate := n_duplicate + 1;
			else n_rejected := n_rejected + 1;
		end case;
		results := results || verdict;
	end loop;

	if cardinality(p_idx) > 0 then
		-- One insert for the batch's counted responses, in the batch's order; an id it does
		-- not return was stored by a concurrent request since we looked: still only once.
		with ins as (
			insert into public.responses (response_id, round_id, instrument, channel, service_point_id,
				collected_on, demographics, variants)
			select p.rid, p.round_id, p.instr, p.ch, p.sp,
				coalesce((e.value ->> 'collectedOn')::date, today),
				coalesce(e.value -> 'demographics', '{}'), coalesce(e.value -> 'variants', '{}')
			from unnest(p_idx, p_rid, p_round, p_instr, p_ch, p_sp) p(idx, rid, round_id, instr, ch, sp)
				join jsonb_array_elements(batch) with ordinality e(value, ord) on e.ord = p.idx
			order by p.idx
			on conflict (response_id) do nothing
			returning response_id
		)
		select coalesce(array_agg(ins.response_id), '{}') into stored from ins;
		accepted := accepted || stored;

		if cardinality(stored) < cardinality(p_idx) then
			not_stored := array(select p.idx from unnest(p_idx, p_rid) p(idx, rid)
				where not p.rid = any(stored));
			foreach idx in array not_stored loop
				results[idx] := jsonb_build_object('id', results[idx] -> 'id', 'status', 'duplicate');
			end loop;
			n_accepted := n_accepted - cardinality(not_stored);
			n_duplicate := n_duplicate + cardinality(not_stored);
		end if;

		-- The answers matched to their items by key, as check_response matched them (the
		-- keys made first: otherwise each item is compared with each answer).
		with a as materialized (
			select p.rid, p.framework_id, p.instr, lower(btrim(x.key)) as k, x.value
			from unnest(p_idx, p_rid, p_framework, p_instr) p(idx, rid, framework_id, instr)
				join jsonb_array_elements(batch) with ordinality e(value, ord) on e.ord = p.idx
				cross join jsonb_each(e.value -> 'answers') x
			where p.rid = any(stored)
		)
		insert into public.answers (response_id, item_key, code)
		select a.rid, i.item_key, (a.value::text)::smallint
		from a join public.framework_items i on i.framework_id = a.framework_id
			and i.instrument = a.instr and lower(i.item_key) = a.k;
	end if;

	if cardinality(accepted) > 0 then
		perform ita_private.count_responses(accepted);
	end if;
	-- The round's used marks rewritten as one set: no order or xmin names a response's code.
	for hashed_round in select unnest(codes_used) loop
		perform ita_private.shuffle_code_uses(hashed_round);
	end loop;
	if aw_round is not null then
		update public.address_windows w
		set responses = w.responses + aw_added, extreme = w.extreme + aw_added_extreme
		where w.round_id = aw_round and w.address_hash = aw_addr and w.window_start = win;
	end if;
	update public.service_point_windows w set n = w.n + (a.value #>> '{}')::integer
	from jsonb_each(sp_added) a
	where w.round_id = split_part(a.key, ':', 1)::uuid
		and w.service_point_id = split_part(a.key, ':', 2)::uuid and w.window_start = win;
	if any_limited and address is not null then
		perform ita_private.prune_windows();
	end if;

	return jsonb_build_object(
		'results', to_jsonb(results),
		'accepted', n_accepted,
		'duplicates', n_duplicate,
		'rejected', n_rejected
	);
end;
$$;

/** Adds just-stored responses to the counters, in sorted key order to keep lock order stable. */
create or replace function ita_private.count_responses(ids uuid[])
returns void
language sql
security definer
set search_path = ''
as $$
	insert into public.answer_counts as c (round_id, item_key, code, n)
	select p.round_id, a.item_key, a.code, count(*)
	from public.responses p join public.answers a using (response_id)
	where p.response_id = any(ids)
	group by 1, 2, 3
	order by 1, 2, 3
	on conflict (round_id, item_key, code) do update set n = c.n + excluded.n;

	insert into public.respondent_counts as c (round_id, instrument, n)
	select p.round_id, p.instrument, count(*)
	from public.responses p
	where p.response_id = any(ids)
	group by 1, 2
	order by 1, 2
	on conflict (round_id, instrument) do update set n = c.n + excluded.n;

	insert into public.demographic_counts as c (round_id, instrument, question_id, option_code, n)
	select p.round_id, p.instrument, d.key,
		case jsonb_typeof(d.value) when 'object' then d.value ->> 'code' else d.value #>> '{}' end,
		count(*)
	from public.responses p, jsonb_each(p.demographics) d
	where p.response_id = any(ids)
	group by 1, 2, 3, 4
	order by 1, 2, 3, 4
	on conflict (round_id, instrument, question_id, option_code) do update set n = c.n + excluded.n;

	insert into public.daily_counts as c (round_id, instrument, collected_on, channel, service_point_id, n)
	select p.round_id, p.instrument, p.collected_on, p.channel, p.service_point_id, count(*)
	from public.responses p
	where p.response_id = any(ids)
	group by 1, 2, 3, 4, 5
	order by 1, 2, 3, 4, 5
	on conflict (round_id, instrument, collected_on, channel, service_point_id)
	do update set n = c.n + excluded.n;
$$;

/**
 * Rebuilds a round's counters from the stored responses. For checking (the tests
 * compare it with the kept counters) and for repair after a manual correction.
 */
create or replace function public.recount_round(round_code text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	rid uuid;
begin
	select round_id into rid from public.rounds where code = round_code;
	if rid is null then
		raise exception using errcode = 'PT404', message = 'unknown_round',
			detail = jsonb_build_object('round', coalesce(round_code, ''))::text,
			hint = format('no round has the code %s', coalesce(round_code, '(no code given)'));
	end if;
	delete from public.answer_counts where round_id = rid;
	delete from public.respondent_counts where round_id = rid;
	delete from public.demographic_counts where round_id = rid;
	delete from public.daily_counts where round_id = rid;
	perform ita_private.count_responses(array(
		select response_id from public.responses where round_id = rid));
end;
$$;

revoke all on function ita_private.rejection(text, text, text) from public;
revoke all on function ita_private.check_response(jsonb, public.rounds, text, uuid, jsonb) from public;
revoke all on function ita_private.count_responses(uuid[]) from public;
revoke all on function public.submit_responses(jsonb) from public;
revoke all on function public.recount_round(text) from public, anon, authenticated;
grant execute on function public.submit_responses(jsonb) to anon, authenticated, service_role;
grant execute on function public.recount_round(text) to service_role;
