import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsUUID, Max, Min } from 'class-validator';
import { AGENCY_TYPES, COURSE_COUNTINGS, LOCALES, M49_REGIONS, REPORT_FORMATS, REPORT_SOURCES, TOPICS } from '@ctlp/contracts';
import type { AgencyType, CourseCounting, Locale, M49Region, ReportFormat, ReportSource, Topic } from '@ctlp/contracts';
import { TopicFilter } from '../../common/topics.js';
import { Omittable } from '../../common/optional.js';

export class MemberStateReportQueryDto {
  @ApiPropertyOptional({ description: 'Start of the period, included (UTC); default: the beginning', example: '2026-01-01' })
  @Omittable()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'End of the period, excluded (UTC); default: now', example: '2027-01-01' })
  @Omittable()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A course, and the training activities linked to it' })
  @Omittable()
  @IsUUID()
  courseId?: string;

  @TopicFilter("A topic: courses' and training activities' topics")
  topic?: Topic;

  @ApiPropertyOptional({
    enum: REPORT_SOURCES,
    enumName: 'ReportSource',
    default: 'all',
    description:
      'Count online courses, training activities, or both (a person trained both ways once); the columns of the source left out are 0',
  })
  @Omittable()
  @IsIn(REPORT_SOURCES)
  source?: ReportSource;

  @ApiPropertyOptional({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) @Omittable() @IsIn(AGENCY_TYPES) agencyType?: AgencyType;
  @ApiPropertyOptional({ enum: M49_REGIONS, enumName: 'M49Region' }) @Omittable() @IsIn(M49_REGIONS) region?: M49Region;

  @ApiPropertyOptional({
    enum: COURSE_COUNTINGS,
    enumName: 'CourseCounting',
    default: 'version',
    description:
      "`family`: a course's language versions count as one course — courseId takes every version of its family, headline.courses " +
      "counts families, knowledgeGain.byCourse has a row per family (its original's id and title) with each learner once per family",
  })
  @Omittable()
  @IsIn(COURSE_COUNTINGS)
  countCoursesBy?: CourseCounting;

  @ApiPropertyOptional({ description: 'List every State, with zeros', default: false })
  @Omittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeZero?: boolean;

  @ApiPropertyOptional({ minimum: 2, maximum: 100, description: 'Counts from 1 to this minus one show as "<N"' })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(100)
  suppressBelow?: number;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: 'Language of the State names', default: 'en' })
  @Omittable()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, enumName: 'ReportFormat', default: 'json' })
  @Omittable()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** A count, or "<N" when small-count suppression hides it. */
export type Count = number | string;
const COUNT = { oneOf: [{ type: 'integer' }, { type: 'string', example: '<5' }] };

export class ReportCountsDto {
  @ApiProperty({
    ...COUNT,
    description: 'Distinct people with a course completed or a training activity completed (as a participant) in the period, each once',
  })
  officialsTrained: Count;
  @ApiProperty(COUNT) female: Count;
  @ApiProperty(COUNT) male: Count;
  @ApiProperty(COUNT) other: Count;
  @ApiProperty(COUNT) undisclosed: Count;
  @ApiProperty({ ...COUNT, description: 'Enrolments created in the period' }) enrolments: Count;
  @ApiProperty({ ...COUNT, description: 'Enrolments completed in the period' }) completions: Count;
  @ApiProperty({ ...COUNT, description: 'Course certificates issued in the period' }) certificates: Count;
  @ApiProperty({
    ...COUNT,
    description: 'Training activities held in or for the State that ended in the period; in the totals, distinct activities',
  })
  activities: Count;
  @ApiProperty({ ...COUNT, description: 'Distinct people of the State who completed a training activity, as participants, in the period' })
  participants: Count;
  @ApiProperty({ ...COUNT, description: "Days present in training activities of the State's participants, in the period" })
  participantDays: Count;
}

export class MemberStateReportRowDto extends ReportCountsDto {
  @ApiProperty({ example: 'KEN' }) memberState: string;
  @ApiProperty() name: string;
  @ApiProperty() region: string;
}

export class MonthCountDto {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty(COUNT) completions: Count;
  @ApiProperty({ ...COUNT, description: 'Distinct training activities that ended in the month' }) activities: Count;
  @ApiProperty(COUNT) participantDays: Count;
}

/** "N people trained through M activities and K online courses since D", for the report's filters. */
export class ReportHeadlineDto {
  @ApiProperty({ ...COUNT, description: 'People trained: the total of officialsTrained' }) people: Count;
  @ApiProperty({ ...COUNT, description: 'Distinct training activities counted in the report' }) activities: Count;
  @ApiProperty({ ...COUNT, description: 'Distinct courses with a completion counted in the report' }) courses: Count;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The first of those events in the period (a completion, the end of an activity); null when there is none',
  })
  since: string | null;
}

export class ReportFiltersDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiPropertyOptional({ format: 'uuid' }) courseId?: string;
  @ApiPropertyOptional({ enum: TOPICS, enumName: 'Topic' }) topic?: Topic;
  @ApiPropertyOptional({ enum: AGENCY_TYPES, enumName: 'AgencyType' }) agencyType?: AgencyType;
  @ApiPropertyOptional({ enum: M49_REGIONS, enumName: 'M49Region' }) region?: M49Region;
  @ApiPropertyOptional({ description: 'Set for a focal point: their own State' }) memberState?: string;
  @ApiProperty({ enum: REPORT_SOURCES, enumName: 'ReportSource' }) source: ReportSource;
  @ApiProperty({ enum: COURSE_COUNTINGS, enumName: 'CourseCounting' }) countCoursesBy: CourseCounting;
  @ApiProperty() includeZero: boolean;
  @ApiProperty({ type: Number, nullable: true }) suppressBelow: number | null;
}

/**
 * Knowledge gain of learners with both a pre-test and a post-test score (first attempts, 0–100),
 * counted when the post-test score was recorded. Means are in points; null when small-count
 * suppression hides the learners.
 */
export class KnowledgeGainFiguresDto {
  @ApiProperty({ ...COUNT, description: 'Learners with both scores whose post-test was taken in the period' }) learners: Count;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean pre-test score' }) meanPre: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean post-test score' }) meanPost: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean of post − pre per learner, in points' }) meanGain: number | null;
}

export class KnowledgeGainCourseDto extends KnowledgeGainFiguresDto {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() title: string;
}

export class KnowledgeGainStateDto extends KnowledgeGainFiguresDto {
  @ApiProperty({ example: 'KEN' }) memberState: string;
  @ApiProperty() name: string;
}

export class KnowledgeGainDto {
  @ApiProperty({ type: [KnowledgeGainCourseDto] }) byCourse: KnowledgeGainCourseDto[];
  @ApiProperty({ type: [KnowledgeGainStateDto] }) byState: KnowledgeGainStateDto[];
  @ApiProperty({ type: KnowledgeGainFiguresDto }) total: KnowledgeGainFiguresDto;
}

export class MemberStateReportDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ type: [MemberStateReportRowDto] }) rows: MemberStateReportRowDto[];
  @ApiProperty({ type: ReportCountsDto }) totals: ReportCountsDto;
  @ApiProperty({ type: ReportHeadlineDto }) headline: ReportHeadlineDto;
  @ApiProperty({ type: [MonthCountDto], description: 'Completions, activities and participant-days per month of the period (UTC)' })
  months: MonthCountDto[];
  @ApiProperty({ type: KnowledgeGainDto, description: 'Pre-test to post-test, per course and per State of the learner' })
  knowledgeGain: KnowledgeGainDto;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
}
