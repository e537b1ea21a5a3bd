-- What a respondent's phone or a kiosk may read: an open round's public facts and
-- its questionnaire. Nothing else is readable without signing in.

/**
 * The questionnaire of a round, with the agency's name, its sections (for "which
 * section did you contact") and, when asked, the service point. Never the IIT access
 * code: only whether the round asks for one (iitAccessCode: a shared code; iitCodes:
 * "single" for one-time slips, "shared" otherwise). accessCodeValid is always null: this
 * function runs read-only (stable, fetched with GET and cached offline), so it could not
 * count wrong guesses; check_iit_code (POST, throttled) answers whether a code is good.
 */
create or replace function public.get_questionnaire(
	round_code text,
	service_point text default null,
	access_code text default null
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
	r public.rounds;
	def jsonb;
	sp jsonb;
begin
	if round_code is null or round_code !~ '^[a-z0-9]+(-[a-z0-9]+)*$' then
		raise exception using errcode = '22023', message = 'round_code_malformed',
			detail = jsonb_build_object('round', left(coalesce(round_code, ''), 100))::text,
			hint = 'a round code is lower-case letters, digits and dashes, as printed under the QR code';
	end if;
	select * into r from public.rounds where code = round_code;
	if r.round_id is null or r.status = 'draft' then
		raise exception using errcode = 'PT404', message = 'unknown_round',
			detail = jsonb_build_object('round', left(round_code, 100))::text,
			hint = format('no round has the code %s; check the link or QR code', round_code);
	end if;
	if service_point is not null then
		select jsonb_build_object('code', s.code, 'name', s.name) into sp
		from public.service_points s where s.agency_id = r.agency_id and s.code = service_point;
		if sp is null then
			raise exception using errcode = 'PT404', message = 'service_point_unknown',
				detail = jsonb_build_object('round', round_code, 'servicePoint', left(service_point, 100))::text,
				hint = format('round %s has no service point %s', round_code, service_point);
		end if;
	end if;

	select f.definition into def from public.frameworks f where f.framework_id = r.framework_id;
	-- The OIT is the assessor's checklist, not a survey.
	def := jsonb_set(def, '{instruments}', coalesce((
		select jsonb_agg(i.value order by i.ord)
		from jsonb_array_elements(def -> 'instruments') with ordinality i(value, ord)
		where i.value ->> 'id' <> 'oit'), '[]'));

	return jsonb_build_object(
		'round', jsonb_build_object(
			'code', r.code,
			'fiscalYear', r.fiscal_year,
			'opensOn', r.opens_on,
			'closesOn', r.closes_on,
			'open', r.status = 'open' and ita_private.today() between r.opens_on and r.closes_on,
			'iitAccessCode', r.iit_codes = 'shared' and r.iit_access_code is not null,
			'iitCodes', r.iit_codes,
			'accessCodeValid', null,
			'allowRepeat', r.allow_repeat
		),
		'agency', (select jsonb_build_object('code', a.code, 'name', a.name)
			from public.agencies a where a.agency_id = r.agency_id),
		'sections', coalesce((select jsonb_agg(jsonb_build_object('code', s.code, 'name', s.name,
				'kind', s.kind) order by s.kind, s.code)
			from public.sections s where s.agency_id = r.agency_id), '[]'),
		'servicePoint', sp,
		'framework', def
	);
end;
$$;

revoke all on function public.get_questionnaire(text, text, text) from public;
grant execute on function public.get_questionnaire(text, text, text) to anon, authenticated, service_role;
