-- Officers on Supabase Auth as well as on the embedded server: everything the officers'
-- screens read or change is one RPC (PostgREST runs one call per transaction, so a
-- screen that saves several things at once needs one function that does it all), and
-- the embedded deployment's account helpers for the accounts screen.
--
-- - set_oit_scores(): a null score removes the item's saved score.
-- - save_oit_table(): the OIT table's scores and evidence addresses, all or nothing.
-- - list_frameworks(), get_framework(): the framework versions, and one's definition
--   (were direct table reads, which PostgREST's RPC-only use here cannot make).
-- - ita_private.delete_account(), ita_private.set_account_password(): the accounts
--   screen; never removes the last central administrator.

-- ---------------------------------------------------------------------------------
-- OIT scores: null removes one
-- ---------------------------------------------------------------------------------

/** Whether an OIT score is unusable: not null (no score) and not a number 0–100 with ≤ 2 decimals. */
create or replace function ita_private.bad_oit_score(value jsonb)
returns boolean
language sql immutable
set search_path = ''
as $$
	-- case, not or: the cast must only ever see a number.
	select case
		when value is null or jsonb_typeof(value) = 'null' then false
		when jsonb_typeof(value) <> 'number' then true
		else (value::text)::numeric not between 0 and 100
			or round((value::text)::numeric, 2) <> (value::text)::numeric
	end
$$;

revoke all on function ita_private.bad_oit_score(jsonb) from public, anon, authenticated, service_role;

revoke all on function public.set_oit_scores(text, jsonb) from public, anon;
grant execute on function public.set_oit_scores(text, jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- The OIT table in one call
-- ---------------------------------------------------------------------------------

/**
 * Saves rows of the OIT table at once: `rows` is an array of
 * {"question": "O1", "score": 100 | null, "evidenceUrl": "https://…" | null}; each row
 * sets both (null or a blank address clears it). Items not listed are left as they are.
 * Every row is checked first, and a refusal names the item; nothing is saved unless
 * everything is. Returns the round's OIT items as list_oit_scores() does.
 */
create or replace function public.save_oit_table(round_code text, rows jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
	r public.rounds := ita_private.managed_round(round_code);
	row_value jsonb;
	i integer := 0;
	item text;
	seen text[] := '{}';
	v_score numeric;
	v_url text;
	key text;
	problems jsonb := '[]';
begin
	if rows is null or jsonb_typeof(rows) <> 'array' then
		raise exception using errcode = '22023', message = 'oit_table_not_array',
			hint = 'the OIT table is a JSON array of rows like [{"question": "O1", "score": 100, "evidenceUrl": "https://…"}]';
	end if;
	if jsonb_array_length(rows) > 200 then
		raise exception using errcode = '22023', message = 'oit_table_too_many_rows',
			detail = jsonb_build_object('count', jsonb_array_length(rows))::text,
			hint = format('an OIT table has at most 200 rows; this one has %s', jsonb_array_length(rows));
	end if;

	-- First every row is checked, so that a refusal leaves everything as it was; every
	-- problem is listed at once (detail.problems), each naming its row and, where it is
	-- about a cell, the form's field (score-O6, url-O6) so that the screen can mark it.
	for row_value in select value from jsonb_array_elements(rows)
	loop
		i := i + 1;
		if jsonb_typeof(row_value) <> 'object' then
			problems := problems || jsonb_build_object('code', 'oit_row_invalid', 'row', i);
			continue;
		end if;
		select k into key from jsonb_object_keys(row_value) k
		where k not in ('question', 'score', 'evidenceUrl') limit 1;
		if key is not null then
			problems := problems || jsonb_build_object('code', 'oit_row_key_unknown', 'row', i,
				'key', left(key, 100));
			continue;
		end if;
		select q.question_id into item from public.framework_questions q
		where q.framework_id = r.framework_id and q.kind = 'check'
			and jsonb_typeof(row_value -> 'question') = 'string'
			and lower(q.question_id) = lower(btrim(row_value ->> 'question'));
		if item is null then
			problems := problems || jsonb_build_object('code', 'oit_item_unknown', 'row', i,
				'item', left(coalesce(row_value ->> 'question', ''), 100), 'framework', r.framework_id);
			continue;
		end if;
		if item = any(seen) then
			problems := problems || jsonb_build_object('code', 'oit_item_twice', 'row', i, 'item', item);
			continue;
		end if;
		seen := seen || item;
		if ita_private.bad_oit_score(row_value -> 'score') then
			problems := problems || jsonb_build_object('code', 'oit_score_invalid', 'row', i,
				'item', item, 'field', 'score-' || item);
		end if;
		v_url := case when jsonb_typeof(row_value -> 'evidenceUrl') = 'string'
			then nullif(btrim(row_value ->> 'evidenceUrl', E' \t\r\n'), '') end;
		if coalesce(jsonb_typeof(row_value -> 'evidenceUrl'), 'null') not in ('null', 'string')
			or (v_url is not null and (v_url !~* '^https?://[^\s/?#]+[^\s]*$' or length(v_url) > 2000)) then
			problems := problems || jsonb_build_object('code', 'oit_evidence_url_invalid', 'row', i,
				'item', item, 'field', 'url-' || item);
		end if;
	end loop;
	if jsonb_array_length(problems) > 0 then
		raise exception using errcode = '22023', message = 'oit_scores_invalid',
			detail = jsonb_build_object('problems', problems)::text,
			hint = 'Some rows of the OIT table are invalid; detail.problems lists each row (1 = the first), its item and what is wrong.';
	end if;

	-- Then everything is saved.
	for row_value in select value from jsonb_array_elements(rows)
	loop
		select q.question_id into item from public.framework_questions q
		where q.framework_id = r.framework_id and q.kind = 'check'
			and lower(q.question_id) = lower(btrim(row_value ->> 'question'));
		v_score := case when jsonb_typeof(row_value -> 'score') = 'number'
			then (row_value ->> 'score')::numeric end;
		v_url := nullif(btrim(row_value ->> 'evidenceUrl', E' \t\r\n'), '');
		if v_score is null and v_url is null then
			delete from public.oit_scores o where o.round_id = r.round_id and o.question_id = item;
		else
			insert into public.oit_scores as o (round_id, question_id, score, evidence_url)
			values (r.round_id, item, v_score, v_url)
			on conflict on constraint oit_scores_pkey
			do update set score = excluded.score, evidence_url = excluded.evidence_url, updated_at = now()
			where o.score is distinct from excluded.score or o.evidence_url is distinct from excluded.evidence_url;
		end if;
	end loop;
	return public.list_oit_scores(round_code);
end;
$$;

revoke all on function public.save_oit_table(text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.save_oit_table(text, jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- Framework versions, for the round form
-- ---------------------------------------------------------------------------------

/**
 * The framework versions a round can use, newest first: [{id, title, fiscalYears}].
 * Signed-in staff and the service role (no API role reads the tables themselves).
 */
create or replace function public.list_frameworks()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_build_object('id', f.framework_id, 'title', f.title,
		'fiscalYears', coalesce(f.definition -> 'fiscalYears', '[]'::jsonb))
		order by f.newest desc nulls last, f.framework_id), '[]'::jsonb)
	from (
		select x.framework_id, x.title, x.definition,
			(select max(y::int) from jsonb_array_elements_text(x.definition -> 'fiscalYears') y) as newest
		from public.frameworks x
	) f
$$;

revoke all on function public.list_frameworks() from public, anon, authenticated, service_role;
grant execute on function public.list_frameworks() to authenticated, service_role;

/**
 * One framework version's whole definition (the JSON of its seed file), for signed-in
 * staff and the service role; PT404 when there is none. For screens that need the questionnaire
 * itself (the results page), over PostgREST as on the embedded server.
 */
create or replace function public.get_framework(framework_id text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	found jsonb;
begin
	select f.definition into found from public.frameworks f where f.framework_id = get_framework.framework_id;
	if found is null then
		raise exception using errcode = 'PT404', message = 'framework_unknown',
			detail = jsonb_build_object('framework', left(coalesce(framework_id, ''), 100))::text,
			hint = format('no framework %s', coalesce(framework_id, '(no id given)'));
	end if;
	return found;
end;
$$;

revoke all on function public.get_framework(text) from public, anon, authenticated, service_role;
grant execute on function public.get_framework(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- Local accounts: the accounts screen (the embedded deployment only)
-- ---------------------------------------------------------------------------------

/**
 * Removes an account (the accounts screen; the server calls it as the table's owner,
 * after checking that a central administrator asks). Refused: an account that is not
 * there (PT404), one's own account (22023: another administrator removes it), and the
 * last central administrator (55000: nobody could manage accounts any more). Returns
 * the removed account's email.
 */
create or replace function ita_private.delete_account(id uuid, removed_by uuid)
returns text
language plpgsql
set search_path = ''
as $$
declare
	a ita_private.accounts;
begin
	-- Locked, so that two administrators removing each other at once cannot both succeed.
	perform from ita_private.accounts x where x.ita_role = 'central' for update;
	select * into a from ita_private.accounts x where x.account_id = delete_account.id;
	if a.account_id is null then
		raise exception using errcode = 'PT404', message = 'account_unknown',
			hint = 'no such account: it may have been removed already';
	end if;
	if a.account_id = removed_by then
		raise exception using errcode = '22023', message = 'account_remove_own',
			hint = 'you cannot remove your own account: another central administrator can';
	end if;
	if a.ita_role = 'central'
		and (select count(*) from ita_private.accounts x where x.ita_role = 'central') <= 1 then
		raise exception using errcode = '55000', message = 'account_last_central',
			detail = jsonb_build_object('email', a.email)::text,
			hint = format('%s is the last central administrator: add another central administrator first', a.email);
	end if;
	delete from ita_private.accounts x where x.account_id = a.account_id;
	return a.email;
end;
$$;

/**
 * Sets an account's password hash (a reset by a central administrator, or the officer's
 * own change): the failed sign-in count and any lock are cleared, and the account's
 * sessions end (its session epoch moves on: migration 20261206005000). PT404 when the account is not there, 22023
 * when what is given is not an scrypt hash.
 */
create or replace function ita_private.set_account_password(id uuid, password_hash text)
returns text
language plpgsql
set search_path = ''
as $$
declare
	v_email text;
begin
	if password_hash is null
		or password_hash !~ '^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$' then
		raise exception using errcode = '22023', message = 'password_hash_invalid',
			hint = 'accounts store an scrypt hash of the password, never the password';
	end if;
	update ita_private.accounts a set
		password_hash = set_account_password.password_hash,
		failed_attempts = 0, first_failed_at = null, locked_until = null,
		session_epoch = a.session_epoch + 1
	where a.account_id = set_account_password.id
	returning a.email into v_email;
	if v_email is null then
		raise exception using errcode = 'PT404', message = 'account_unknown',
			hint = 'no such account: it may have been removed';
	end if;
	return v_email;
end;
$$;

revoke all on function ita_private.delete_account(uuid, uuid),
	ita_private.set_account_password(uuid, text)
	from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- Agencies' ids: what an officer's app_metadata.agency_id holds
-- ---------------------------------------------------------------------------------
