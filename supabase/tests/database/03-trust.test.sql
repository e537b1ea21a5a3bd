-- Trustworthy counts (issue 13): one sender's flood is held, not counted and not lost; two
-- phones behind one address both count; only the agency's officers review what is held;
-- the review audit is readable by central administrators and changeable by nobody.
-- Acting as PostgREST does (role, request.jwt.claims, request.headers). Rolled back.
begin;
create schema if not exists extensions;
create extension if not exists pgtap with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;
set local search_path = public, extensions;

select plan(17);

insert into public.rounds (code, agency_id, framework_id, fiscal_year, opens_on, closes_on, status)
select x.code, a.agency_id, 'nacc-2565', 2024, current_date - 7, current_date + 30, 'open'
from public.agencies a, (values ('pgtap-flood', 'bang-bon'), ('pgtap-two', 'bang-bon'),
	('pgtap-other', 'bang-kapi')) x(code, agency)
where a.code = x.agency;

-- Batches of EIT responses, every item on its top answer, each from one device.
create temporary table batches (ord integer, batch jsonb);
insert into batches
select b.ord, (select jsonb_agg(jsonb_build_object('id', md5(random()::text || g)::uuid, 'round', b.round,
		'instrument', 'eit', 'deviceId', b.device, 'answers', (
			select jsonb_object_agg(i.item_key, o.code)
			from public.framework_items i join public.framework_scale_options o
				on o.framework_id = i.framework_id and o.scale = i.scale and o.rank = o.top_rank
			where i.framework_id = 'nacc-2565' and i.instrument = 'eit')))
	from generate_series(1, b.n) g)
from (values (1, 'pgtap-flood', 500, 'pgtap-phone-000001'), (2, 'pgtap-flood', 500, 'pgtap-phone-000001'),
	(3, 'pgtap-flood', 500, 'pgtap-phone-000001'), (4, 'pgtap-flood', 500, 'pgtap-phone-000001'),
	(5, 'pgtap-two', 1, 'pgtap-phone-aaaaaa'), (6, 'pgtap-two', 1, 'pgtap-phone-bbbbbb')) b(ord, round, n, device);
create temporary table verdicts (n integer);
grant select on batches to anon;
grant all on verdicts to anon;

create temporary table claims (who text primary key, claims text);
grant select on claims to anon, authenticated, service_role;
insert into claims values
	('anon', '{"role": "anon"}'),
	('service', '{"role": "service_role"}'),
	('a', json_build_object('role', 'authenticated', 'sub', gen_random_uuid(),
		'app_metadata', json_build_object('ita_role', 'officer',
			'agency_id', (select agency_id from public.agencies where code = 'bang-bon')))::text),
	('b', json_build_object('role', 'authenticated', 'sub', gen_random_uuid(),
		'app_metadata', json_build_object('ita_role', 'officer',
			'agency_id', (select agency_id from public.agencies where code = 'bang-kapi')))::text),
	('central', json_build_object('role', 'authenticated', 'sub', gen_random_uuid(),
		'app_metadata', json_build_object('ita_role', 'central'))::text);

-- Anonymous, from one address and one device: 2,000 responses in four batches.
select set_config('request.jwt.claims', (select claims from claims where who = 'anon'), true);
select set_config('request.headers', '{"x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.7"}', true);
set local role anon;
-- (The last two: two phones behind one office router, each answering once.)
select lives_ok($$ insert into verdicts
	select (public.submit_responses(b.batch) ->> 'accepted')::integer from batches b order by b.ord $$,
	'anonymous sends its batches');
select throws_ok($$ select public.held_summary('pgtap-flood') $$, '42501', null,
	'anonymous cannot see held responses');
select throws_ok($$ select public.issue_iit_codes('pgtap-flood', 5) $$, '42501', null,
	'anonymous cannot issue IIT codes');
select lives_ok($$ select public.check_iit_code('pgtap-flood', 'ABCDE-FGHJK') $$,
	'anonymous may check a code (throttled)');
reset role;

select is((select sum(n)::integer from verdicts), 2002, 'every response sent is answered "accepted"');
select ok((select count(*) from public.responses p join public.rounds r using (round_id)
	where r.code = 'pgtap-flood') between 1 and 5,
	'of 2,000 from one device, at most its 5 a day are counted');
select is((select (select count(*) from public.responses p where p.round_id = r.round_id)
		+ (select count(*) from public.held_responses h where h.round_id = r.round_id)
	from public.rounds r where r.code = 'pgtap-flood')::integer, 2000,
	'the rest are held: none lost');
select ok((select bool_and(cardinality(h.reasons) > 0 and h.reasons <@ array['device_limit',
		'address_limit', 'same_answer_burst', 'too_fast', 'service_point_burst'])
		and bool_or('device_limit' = any(h.reasons)) and bool_or('address_limit' = any(h.reasons))
	from public.held_responses h join public.rounds r using (round_id) where r.code = 'pgtap-flood'),
	'each held response says why');
select is((select c.n from public.respondent_counts c join public.rounds r using (round_id)
	where r.code = 'pgtap-flood'),
	(select count(*)::integer from public.responses p join public.rounds r using (round_id)
	where r.code = 'pgtap-flood'), 'the counters hold counted responses only');
select is((select count(*)::integer from public.responses p join public.rounds r using (round_id)
	where r.code = 'pgtap-two'), 2, 'two phones behind one address are both counted');

-- Officer of agency B: not A's held responses.
select set_config('request.jwt.claims', (select claims from claims where who = 'b'), true);
set local role authenticated;
select throws_ok($$ select public.held_summary('pgtap-flood') $$, 'PT404', null,
	'officer B cannot see agency A''s held responses');
select throws_ok($$ select public.release_held_responses('pgtap-flood',
	'["00000000-0000-4000-8000-000000000000"]'::jsonb, 'no reason at all') $$, 'PT404', null,
	'officer B cannot release agency A''s held responses');
select throws_ok($$ select public.list_review_audit() $$, '42501', null,
	'an officer cannot read the review audit');
reset role;

-- Officer of agency A releases ten; the central administrator reads the audit.
create temporary table ten as
	select h.response_id from public.held_responses h join public.rounds r using (round_id)
	where r.code = 'pgtap-flood' order by h.response_id limit 10;
grant select on ten to authenticated;
select set_config('request.jwt.claims', (select claims from claims where who = 'a'), true);
set local role authenticated;
select is(public.release_held_responses('pgtap-flood', (select jsonb_agg(response_id) from ten),
	'Visitors queued at the counter') ->> 'released', '10', 'officer A releases ten held responses');
reset role;
select set_config('request.jwt.claims', (select claims from claims where who = 'central'), true);
set local role authenticated;
select is(jsonb_array_length(public.list_review_audit('pgtap-flood')), 1,
	'the central administrator reads the release in the audit');
select throws_ok($$ update public.held_review_audit set reason = 'rewritten' $$, null, null,
	'the central administrator cannot change an audit row');
reset role;
select set_config('request.jwt.claims', (select claims from claims where who = 'service'), true);
set local role service_role;
select throws_ok($$ delete from public.held_review_audit $$, null, null,
	'the service role cannot delete an audit row');
reset role;

select * from finish();
rollback;
