-- Raw responses and answers are read only through the functions (round_results,
-- round_results_for, export_responses …), which suppress groups of fewer than five
-- respondents. A signed-in officer selecting the rows directly could compute the scores
-- of any small group and get around that, so the tables are closed to API roles.
-- The counters (whole-round head-counts) stay readable to the agency's officers.

drop policy if exists "Officers can read their agency's responses" on public.responses;
drop policy if exists "Officers can read their agency's answers" on public.answers;
revoke select on public.responses, public.answers from authenticated;
