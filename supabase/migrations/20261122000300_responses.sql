-- Responses and their answers, the counters kept with them, and submit_responses():
-- the one way answers enter the database.
--
-- A response keeps the day it was collected, never the time: in a small office a
-- time of day can tell who answered. Responses have no created_at on purpose.

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
 * "demographics", "variants", "accessCode"}) and answers, per response in order,
 * {"id", "status": "accepted" | "duplicate" | "rejected", "code", "reason"}.
 *
 * A response whose id is already stored is a duplicate and counted once, however
 * often it is sent. A rejected response leaves no row; the others are stored.
 * Counters are updated in the same transaction.
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
	resp jsonb;
	idx bigint;
	rid uuid;
	rid_text text;
	r public.rounds;
	sp_id uuid;
	verdict jsonb;
	results jsonb[] := '{}';
	seen uuid[] := '{}';
	accepted uuid[] := '{}';
	inserted integer;
	n_accepted integer := 0;
	n_duplicate integer := 0;
	n_rejected integer := 0;
begin
	if batch is null or jsonb_typeof(batch) <> 'array' then
		raise exception using errcode = '22023',
			message = 'submit_responses expects "batch": a JSON array of responses',
			hint = 'Send {"batch": [{"id": "<uuid>", "round": "<code>", "instrument": "eit", "answers": {…}}]}.';
	end if;
	if jsonb_array_length(batch) > max_batch then
		raise exception using errcode = 'PT413',
			message = format('a batch holds at most %s responses; this one has %s',
				max_batch, jsonb_array_length(batch)),
			hint = 'Send the rest in further batches.';
	end if;

	for resp, idx in select e.value, e.ord from jsonb_array_elements(batch) with ordinality e(value, ord) loop
		rid := null;
		rid_text := case when jsonb_typeof(resp) = 'object' then resp ->> 'id' end;
		verdict := null;
		sp_id := null;

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
			if rid = any(seen) or exists (select from public.responses p where p.response_id = rid) then
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
						select s.service_point_id into sp_id from public.service_points s
						where s.agency_id = r.agency_id and s.code = resp ->> 'servicePoint';
					end if;
					verdict := ita_private.check_response(resp, r, caller, sp_id);
				end if;
			end if;
		end if;

		if verdict is null then
			insert into public.responses (response_id, round_id, instrument, channel, service_point_id,
				collected_on, demographics, variants)
			values (rid, r.round_id, resp ->> 'instrument',
				coalesce(resp ->> 'channel', case when sp_id is not null then 'qr' else 'link' end),
				sp_id, coalesce((resp ->> 'collectedOn')::date, ita_private.today()),
				coalesce(resp -> 'demographics', '{}'), coalesce(resp -> 'variants', '{}'))
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
						and i.instrument = resp ->> 'instrument'
						and lower(i.item_key) = lower(btrim(a.key));
				accepted := accepted || rid;
				verdict := jsonb_build_object('id', rid, 'status', 'accepted');
			end if;
		end if;

		if rid is not null then
			seen := seen || rid;
		end if;
		case verdict ->> 'status'
			when 'accepted' then n_accepted := n_accepted + 1;
			when 'duplicate' then n_duplicate := n_duplicate + 1;
			else n_rejected := n_rejected + 1;
		end case;
		results := results || verdict;
	end loop;

	if n_accepted > 0 then
		perform ita_private.count_responses(accepted);
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
		raise exception using errcode = 'PT404', message = format('no round has the code %s', round_code);
	end if;
	delete from public.answer_counts where round_id = rid;
	delete from public.respondent_counts where round_id = rid;
	delete from public.demographic_counts where round_id = rid;
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
