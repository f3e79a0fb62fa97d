/** What the report summary holds, for comparing what the triggers kept with a rebuild from the rows. */
export interface SummarySource {
  query(sql: string): Promise<unknown>;
}

/** Every summary table, without the rows the triggers brought back to zero (a rebuild has none). */
export async function keptSummary(source: SummarySource): Promise<Record<string, unknown>> {
  const [monthly, people, courses, attendance] = await Promise.all([
    source.query(`SELECT month, member_state, agency_type, enrolments, completions, certificates FROM report_monthly
                   WHERE enrolments <> 0 OR completions <> 0 OR certificates <> 0 ORDER BY 1, 2, 3`),
    source.query(`SELECT person_key, user_id, member_state, agency_type, gender, completed::text, attended::text FROM report_people
                   WHERE NOT isempty(completed) OR NOT isempty(attended) ORDER BY 1`),
    source.query(`SELECT course_id, member_state, month, agency_type, completions FROM report_course_monthly
                   WHERE completions <> 0 ORDER BY 1, 2, 3, 4`),
    source.query(`SELECT month, member_state, agency_type, participant_days FROM report_attendance_monthly
                   WHERE participant_days <> 0 ORDER BY 1, 2, 3 NULLS FIRST`),
  ]);
  return { monthly, people, courses, attendance };
}

/** The summary as the triggers kept it, then as report_summary_rebuild() makes it from the rows. */
export async function keptAndRebuilt(source: SummarySource): Promise<[Record<string, unknown>, Record<string, unknown>]> {
  const kept = await keptSummary(source);
  await source.query(`SELECT report_summary_rebuild()`);
  return [kept, await keptSummary(source)];
}
