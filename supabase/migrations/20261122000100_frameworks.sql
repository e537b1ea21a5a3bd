-- Frameworks: one ITA questionnaire version (instruments, indicators, questions,
-- items, scales, polarity, points, weights, levels, demographic questions).
-- The JSON file in supabase/seed/frameworks/ is the source; load_framework()
-- keeps it whole (served to respondents) and unpacks it into the tables the
-- scoring and the validation of answers read.

-- Helpers that no API role may call directly live outside the exposed schema.
create schema if not exists ita_private;
revoke all on schema ita_private from public;

-- Functions are not callable by anyone unless granted one by one.
alter default privileges in schema public revoke execute on functions from public;
alter default privileges in schema ita_private revoke execute on functions from public;

create table public.frameworks (
	framework_id text primary key check (framework_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	title jsonb not null,
	method text not null check (method in ('indicator-mean', 'question-points')),
	weights jsonb not null,
	definition jsonb not null,
	created_at timestamptz not null default now()
);
alter table public.frameworks enable row level security;

comment on table public.frameworks is
	'ITA framework versions; definition is the JSON of supabase/seed/frameworks/<id>.json.';

create table public.framework_scale_options (
	framework_id text not null references public.frameworks on delete cascade,
	scale text not null,
	code smallint not null,
	-- 0 for the bottom answer (น้อยที่สุดหรือไม่มีเลย, ไม่มี) up to top_rank for the top one.
	rank smallint not null check (rank >= 0),
	top_rank smallint not null check (top_rank > 0),
	label jsonb not null,
	primary key (framework_id, scale, code),
	unique (framework_id, scale, rank)
);
alter table public.framework_scale_options enable row level security;

-- Indicators (1 … 10), sub-indicators (9.1 …) and display groups (9.1.1 …).
create table public.framework_nodes (
	framework_id text not null references public.frameworks on delete cascade,
	node_id text not null check (node_id ~ '^[0-9]+(\.[0-9]+)*$'),
	instrument text not null check (instrument in ('iit', 'eit', 'oit')),
	kind text not null check (kind in ('indicator', 'sub_indicator', 'group')),
	parent_id text,
	name jsonb not null,
	ord integer not null,
	primary key (framework_id, node_id)
);
alter table public.framework_nodes enable row level security;

create table public.framework_questions (
	framework_id text not null references public.frameworks on delete cascade,
	question_id text not null,
	instrument text not null check (instrument in ('iit', 'eit', 'oit')),
	indicator_id text not null,
	sub_indicator_id text,
	group_id text,
	-- survey: answered by respondents; check: scored by the OIT assessor.
	kind text not null check (kind in ('survey', 'check')),
	scale text,
	points numeric check (points > 0),
	text jsonb not null,
	ord integer not null,
	primary key (framework_id, question_id),
	foreign key (framework_id, indicator_id) references public.framework_nodes,
	check ((kind = 'survey') = (scale is not null))
);
alter table public.framework_questions enable row level security;

create table public.framework_items (
	framework_id text not null,
	item_key text not null,
	question_id text not null,
	item_id text not null,
	instrument text not null check (instrument in ('iit', 'eit')),
	scale text not null,
	polarity text not null check (polarity in ('positive', 'negative')),
	required boolean not null default true,
	ord integer not null,
	primary key (framework_id, item_key),
	foreign key (framework_id, question_id) references public.framework_questions on delete cascade
);
alter table public.framework_items enable row level security;

-- Versions of a question per kind of service (BMA's E3); their items pool.
create table public.framework_variants (
	framework_id text not null,
	question_id text not null,
	variant_id text not null,
	label jsonb not null,
	ord integer not null,
	primary key (framework_id, question_id, variant_id),
	foreign key (framework_id, question_id) references public.framework_questions on delete cascade
);
alter table public.framework_variants enable row level security;

create table public.framework_levels (
	framework_id text not null references public.frameworks on delete cascade,
	code text not null,
	label jsonb not null,
	min numeric not null check (min between 0 and 100),
	instruments_min numeric check (instruments_min between 0 and 100),
	ord integer not null,
	primary key (framework_id, code)
);
alter table public.framework_levels enable row level security;

create table public.framework_demographics (
	framework_id text not null references public.frameworks on delete cascade,
	instrument text not null check (instrument in ('iit', 'eit')),
	question_id text not null,
	option_code text not null,
	specify boolean not null default false,
	required boolean not null default false,
	-- 'section': the agency's own sections are answers too ("which section did you contact").
	source text not null default 'framework' check (source in ('framework', 'section')),
	question_ord integer not null,
	option_ord integer not null,
	primary key (framework_id, instrument, question_id, option_code)
);
alter table public.framework_demographics enable row level security;

/**
 * Unpacks one framework definition (the JSON of a framework file) into the tables
 * above. Loading the same definition again changes nothing; a changed definition
 * replaces the old one only while no round uses it, because the answers already
 * stored were given to the old questions.
 */
create or replace function public.load_framework(definition jsonb)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
	fid text := definition ->> 'id';
	existing jsonb;
begin
	if definition is null or jsonb_typeof(definition) <> 'object' then
		raise exception using errcode = '22023', message = 'framework_not_object',
			hint = 'load_framework expects the JSON object of a framework file';
	end if;
	if fid is null then
		raise exception using errcode = '22023', message = 'framework_id_missing',
			hint = 'the framework has no "id"';
	end if;
	if jsonb_typeof(definition -> 'instruments') is distinct from 'array'
		or jsonb_typeof(definition -> 'scales') is distinct from 'object'
		or jsonb_typeof(definition -> 'levels') is distinct from 'array'
		or jsonb_typeof(definition -> 'scoring') is distinct from 'object' then
		raise exception using errcode = '22023', message = 'framework_incomplete',
			detail = jsonb_build_object('framework', fid)::text,
			hint = format('framework %s lacks instruments, scales, levels or scoring; validate the file with FrameworkSchema (src/lib/ita/framework.ts) first', fid);
	end if;

	select f.definition into existing from public.frameworks f where f.framework_id = fid;
	if existing = definition then
		return fid;
	end if;
	if existing is not null then
		if exists (select from public.rounds r where r.framework_id = fid) then
			raise exception using errcode = '55000', message = 'framework_in_use',
				detail = jsonb_build_object('framework', fid)::text,
				hint = format('framework %s is used by rounds and cannot change; give the changed questionnaire a new id (a new version file)', fid);
		end if;
		delete from public.frameworks where framework_id = fid;
	end if;

	insert into public.frameworks (framework_id, title, method, weights, definition)
	values (fid, definition -> 'title', definition #>> '{scoring,method}',
		definition #> '{scoring,weights}', definition);

	insert into public.framework_scale_options (framework_id, scale, code, rank, top_rank, label)
	select fid, s.key, (o.value ->> 'code')::smallint, (o.ord - 1)::smallint,
		(jsonb_array_length(s.value -> 'options') - 1)::smallint, o.value -> 'label'
	from jsonb_each(definition -> 'scales') s,
		jsonb_array_elements(s.value -> 'options') with ordinality o(value, ord);

	-- Indicators, then sub-indicators and groups beneath them.
	insert into public.framework_nodes (framework_id, node_id, instrument, kind, parent_id, name, ord)
	select fid, ind.value ->> 'id', ins.value ->> 'id', 'indicator', null, ind.value -> 'name',
		(ins.ord * 1000 + ind.ord)::integer
	from jsonb_array_elements(definition -> 'instruments') with ordinality ins(value, ord),
		jsonb_array_elements(ins.value -> 'indicators') with ordinality ind(value, ord);

	insert into public.framework_nodes (framework_id, node_id, instrument, kind, parent_id, name, ord)
	select fid, sub.value ->> 'id', ins.value ->> 'id', 'sub_indicator', ind.value ->> 'id',
		sub.value -> 'name', (ins.ord * 1000 + ind.ord)::integer * 100 + sub.ord::integer
	from jsonb_array_elements(definition -> 'instruments') with ordinality ins(value, ord),
		jsonb_array_elements(ins.value -> 'indicators') with ordinality ind(value, ord),
		jsonb_array_elements(coalesce(ind.value -> 'subIndicators', '[]')) with ordinality sub(value, ord);

	insert into public.framework_nodes (framework_id, node_id, instrument, kind, parent_id, name, ord)
	select fid, g.value ->> 'id', ins.value ->> 'id', 'group', sub.value ->> 'id', g.value -> 'name',
		((ins.ord * 1000 + ind.ord)::integer * 100 + sub.ord::integer) * 100 + g.ord::integer
	from jsonb_array_elements(definition -> 'instruments') with ordinality ins(value, ord),
		jsonb_array_elements(ins.value -> 'indicators') with ordinality ind(value, ord),
		jsonb_array_elements(coalesce(ind.value -> 'subIndicators', '[]')) with ordinality sub(value, ord),
		jsonb_array_elements(coalesce(sub.value -> 'groups', '[]')) with ordinality g(value, ord);

	-- Questions directly under an indicator, and under a sub-indicator.
	with q as (
		select ins.value ->> 'id' as instrument, ind.value ->> 'id' as indicator_id,
			null::text as sub_indicator_id, qu.value as question,
			(ins.ord * 1000 + ind.ord) * 1000 + qu.ord as ord
		from jsonb_array_elements(definition -> 'instruments') with ordinality ins(value, ord),
			jsonb_array_elements(ins.value -> 'indicators') with ordinality ind(value, ord),
			jsonb_array_elements(coalesce(ind.value -> 'questions', '[]')) with ordinality qu(value, ord)
		union all
		select ins.value ->> 'id', ind.value ->> 'id', sub.value ->> 'id', qu.value,
			((ins.ord * 1000 + ind.ord) * 100 + sub.ord) * 1000 + qu.ord
		from jsonb_array_elements(definition -> 'instruments') with ordinality ins(value, ord),
			jsonb_array_elements(ins.value -> 'indicators') with ordinality ind(value, ord),
			jsonb_array_elements(coalesce(ind.value -> 'subIndicators', '[]')) with ordinality sub(value, ord),
			jsonb_array_elements(sub.value -> 'questions') with ordinality qu(value, ord)
	)
	insert into public.framework_questions (framework_id, question_id, instrument, indicator_id,
		sub_indicator_id, group_id, kind, scale, points, text, ord)
	select fid, q.question ->> 'id', q.instrument, q.indicator_id, q.sub_indicator_id,
		null,
		case when q.instrument = 'oit' then 'check' else 'survey' end,
		case when q.instrument = 'oit' then null else q.question ->> 'scale' end,
		(q.question ->> 'points')::numeric, q.question -> 'text', q.ord::integer
	from q;

	update public.framework_questions fq
	set group_id = g.value ->> 'id'
	from jsonb_array_elements(definition -> 'instruments') ins,
		jsonb_array_elements(ins.value -> 'indicators') ind,
		jsonb_array_elements(coalesce(ind.value -> 'subIndicators', '[]')) sub,
		jsonb_array_elements(coalesce(sub.value -> 'groups', '[]')) g,
		jsonb_array_elements_text(g.value -> 'questions') member(id)
	where fq.framework_id = fid and fq.question_id = member.id;

	if exists (
		select from public.framework_questions fq
		where fq.framework_id = fid and fq.kind = 'survey'
			and not exists (select from public.framework_scale_options o
				where o.framework_id = fid and o.scale = fq.scale)
	) then
		raise exception using errcode = '22023', message = 'framework_scale_unknown',
			detail = jsonb_build_object('framework', fid)::text,
			hint = format('framework %s: a question names a scale that "scales" does not define', fid);
	end if;

	-- Items: a question's own, or those of its first variant (every variant has the same ids).
	insert into public.framework_items (framework_id, item_key, question_id, item_id, instrument,
		scale, polarity, required, ord)
	select fid, fq.question_id || '.' || (it.value ->> 'id'), fq.question_id, it.value ->> 'id',
		fq.instrument, fq.scale, it.value ->> 'polarity',
		coalesce((it.value ->> 'required')::boolean, true), fq.ord * 100 + it.ord::integer
	from public.framework_questions fq
		join lateral (
			select qu.value
			from jsonb_array_elements(definition -> 'instruments') ins,
				jsonb_array_elements(ins.value -> 'indicators') ind,
				jsonb_array_elements(coalesce(ind.value -> 'questions', '[]')) qu
			where qu.value ->> 'id' = fq.question_id
		) q on true
		cross join lateral jsonb_array_elements(
			coalesce(q.value -> 'items', q.value #> '{variants,0,items}')
		) with ordinality it(value, ord)
	where fq.framework_id = fid and fq.kind = 'survey';

	insert into public.framework_variants (framework_id, question_id, variant_id, label, ord)
	select fid, qu.value ->> 'id', v.value ->> 'id', v.value -> 'label', v.ord::integer
	from jsonb_array_elements(definition -> 'instruments') ins,
		jsonb_array_elements(ins.value -> 'indicators') ind,
		jsonb_array_elements(coalesce(ind.value -> 'questions', '[]')) qu,
		jsonb_array_elements(coalesce(qu.value -> 'variants', '[]')) with ordinality v(value, ord);

	insert into public.framework_levels (framework_id, code, label, min, instruments_min, ord)
	select fid, l.value ->> 'code', l.value -> 'label', (l.value ->> 'min')::numeric,
		(l.value ->> 'instrumentsMin')::numeric, l.ord::integer
	from jsonb_array_elements(definition -> 'levels') with ordinality l(value, ord);

	insert into public.framework_demographics (framework_id, instrument, question_id, option_code,
		specify, required, source, question_ord, option_ord)
	select fid, ins.key, d.value ->> 'id', o.value ->> 'code',
		coalesce((o.value ->> 'specify')::boolean, false),
		coalesce((d.value ->> 'required')::boolean, false),
		coalesce(d.value ->> 'source', 'framework'), d.ord::integer, o.ord::integer
	from jsonb_each(coalesce(definition -> 'demographics', '{}')) ins,
		jsonb_array_elements(ins.value) with ordinality d(value, ord),
		jsonb_array_elements(d.value -> 'options') with ordinality o(value, ord);

	return fid;
end;
$$;

revoke all on function public.load_framework(jsonb) from public, anon, authenticated;
grant execute on function public.load_framework(jsonb) to service_role;

-- Framework structure is public knowledge (the questionnaire is printed in every
-- report), but anonymous callers read it only through get_questionnaire().
grant select on public.frameworks, public.framework_scale_options, public.framework_nodes,
	public.framework_questions, public.framework_items, public.framework_variants,
	public.framework_levels, public.framework_demographics to authenticated, service_role;

create policy "Signed-in staff can read frameworks" on public.frameworks
	for select to authenticated using (true);
create policy "Signed-in staff can read scale options" on public.framework_scale_options
	for select to authenticated using (true);
create policy "Signed-in staff can read indicators" on public.framework_nodes
	for select to authenticated using (true);
create policy "Signed-in staff can read questions" on public.framework_questions
	for select to authenticated using (true);
create policy "Signed-in staff can read items" on public.framework_items
	for select to authenticated using (true);
create policy "Signed-in staff can read variants" on public.framework_variants
	for select to authenticated using (true);
create policy "Signed-in staff can read levels" on public.framework_levels
	for select to authenticated using (true);
create policy "Signed-in staff can read demographic questions" on public.framework_demographics
	for select to authenticated using (true);
