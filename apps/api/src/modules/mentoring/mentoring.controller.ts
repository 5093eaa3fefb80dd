import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import {
  CancelSessionDto,
  ChangeMentorsDto,
  CreateMentorshipDto,
  CreateSessionDto,
  FeedbackDto,
  GoalDto,
  ListMentorshipsQuery,
  MentorshipTransitionDto,
  UpdateGoalDto,
  UpdateSessionDto,
} from './mentoring.dto';
import { MentoringDashboardService } from './mentoring-dashboard.service';
import { MentoringSessionsService } from './mentoring-sessions.service';
import { MentoringService } from './mentoring.service';
import {
  FeedbackResponse,
  GoalResponse,
  MentoringOverviewResponse,
  MentorshipPageResponse,
  MentorshipResponse,
  SessionResponse,
  UnitDashboardResponse,
  UnitRatingResponse,
} from './mentoring.responses';
import { ApiErrors, uuid } from '@app/common';

@ApiTags('mentoring')
@Controller()
export class MentoringController {
  constructor(
    private readonly mentoring: MentoringService,
    private readonly sessions: MentoringSessionsService,
    private readonly dashboards: MentoringDashboardService,
  ) {}

  @Post('mentorships')
  @ApiOperation({ summary: 'Propose a mentorship for a replication (replicating unit, origin or facilitator unit, staff)' })
  @ApiCreatedResponse({ type: MentorshipResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'MENTORSHIP_EXISTS', 'REPLICATION_CLOSED', 'INVALID_MENTOR')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateMentorshipDto) {
    return this.mentoring.create(user, dto);
  }

  @Get('mentorships')
  @ApiOperation({ summary: 'Mentorships the caller may read, by unit and state, with progress' })
  @ApiOkResponse({ type: MentorshipPageResponse })
  list(@CurrentUser() user: AuthUser, @Query() q: ListMentorshipsQuery) {
    return this.mentoring.list(user, q);
  }

  @Get('mentorships/:id')
  @ApiOperation({ summary: 'A mentorship with goals, sessions, feedback, history and the moves the caller may make' })
  @ApiOkResponse({ type: MentorshipResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.mentoring.get(user, id);
  }

  @Post('mentorships/:id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a mentorship (accept, decline, pause, resume, complete, cancel)' })
  @ApiOkResponse({ type: MentorshipResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION')
  transition(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: MentorshipTransitionDto) {
    return this.mentoring.transition(user, id, dto);
  }

  /**
   * Replaces the mentors while PROPOSED, ACTIVE or PAUSED (admins of the origin or facilitator
   * unit, curators, admins) → 200 the mentorship. Mentors must be members of the origin or
   * facilitator unit (422 INVALID_MENTOR); closed → 409 MENTORSHIP_CLOSED. Recorded in the history.
   */
  @Put('mentorships/:id/mentors')
  @ApiOperation({ summary: 'Replace the mentors while proposed, active or paused' })
  @ApiOkResponse({ type: MentorshipResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'MENTORSHIP_CLOSED', 'INVALID_MENTOR')
  changeMentors(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ChangeMentorsDto) {
    return this.mentoring.changeMentors(user, id, dto);
  }

  @Post('mentorships/:id/goals')
  @ApiOperation({ summary: 'Add a goal' })
  @ApiCreatedResponse({ type: GoalResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'MENTORSHIP_CLOSED')
  addGoal(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: GoalDto) {
    return this.mentoring.addGoal(user, id, dto);
  }

  @Patch('mentorships/:id/goals/:goalId')
  @ApiOperation({ summary: "Change a goal's title, due date or status" })
  @ApiOkResponse({ type: GoalResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'MENTORSHIP_CLOSED')
  updateGoal(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('goalId', uuid) goalId: string,
    @Body() dto: UpdateGoalDto,
  ) {
    return this.mentoring.updateGoal(user, id, goalId, dto);
  }

  @Post('mentorships/:id/sessions')
  @ApiOperation({ summary: 'Schedule a session (participants are notified)' })
  @ApiCreatedResponse({ type: SessionResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'MENTORSHIP_CLOSED')
  addSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateSessionDto) {
    return this.sessions.addSession(user, id, dto);
  }

  @Patch('mentorships/:id/sessions/:sessionId')
  @ApiOperation({ summary: 'Record notes, outcome, attendance or when it was held; or reschedule' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'MENTORSHIP_CLOSED', 'SESSION_CANCELLED', 'INVALID_ATTENDEE')
  updateSession(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('sessionId', uuid) sessionId: string,
    @Body() dto: UpdateSessionDto,
  ) {
    return this.sessions.updateSession(user, id, sessionId, dto);
  }

  /**
   * Calls off a session not yet held (those who may schedule sessions) → 200 the session.
   * Held → 409 SESSION_HELD; already cancelled → 409 SESSION_CANCELLED (as is any later edit).
   */
  @Post('mentorships/:id/sessions/:sessionId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call off a session not yet held; its calendar entry becomes a cancellation' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'SESSION_HELD', 'SESSION_CANCELLED')
  cancelSession(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('sessionId', uuid) sessionId: string,
    @Body() dto: CancelSessionDto,
  ) {
    return this.sessions.cancelSession(user, id, sessionId, dto);
  }

  /** The session as an iCalendar file with one VEVENT (a cancellation once the session is cancelled). */
  @Get('mentorships/:id/sessions/:sessionId/ics')
  @ApiOperation({ summary: 'The session as an iCalendar file with one VEVENT' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'RFC 5545', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  @ApiProduces('text/calendar')
  async ics(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('sessionId', uuid) sessionId: string,
    @Res() res: Response,
  ) {
    const { filename, body } = await this.sessions.ics(user, id, sessionId);
    res
      .status(200)
      .set({ 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` })
      .send(body);
  }

  @Post('mentorships/:id/feedback')
  @ApiOperation({ summary: 'Rate the other side once the mentorship is completed (once per side)' })
  @ApiCreatedResponse({ type: FeedbackResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'MENTORSHIP_NOT_COMPLETED', 'FEEDBACK_EXISTS')
  feedback(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: FeedbackDto) {
    return this.mentoring.feedback(user, id, dto);
  }

  /** A unit's mentorships as mentor side and as mentee side, with progress and rating (members, curators, admins). */
  @Get('units/:id/mentoring-dashboard')
  @ApiOperation({ summary: "A unit's mentorships as mentor side and mentee side, with tallies (members, staff)" })
  @ApiOkResponse({ type: UnitDashboardResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  dashboard(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.dashboards.unitDashboard(user, id);
  }

  /** A unit's average mentoring rating, for its page (anyone signed in). */
  @Get('units/:id/mentoring-rating')
  @ApiOperation({ summary: "A unit's average mentoring ratings" })
  @ApiOkResponse({ type: UnitRatingResponse })
  @ApiErrors('NOT_FOUND')
  rating(@Param('id', uuid) id: string) {
    return this.dashboards.rating(id);
  }

  /** National overview by region and state (curators, admins). */
  @Get('mentoring/overview')
  @ApiOperation({ summary: 'National overview: mentorships by state and province, ratings (curators, admins)' })
  @ApiOkResponse({ type: MentoringOverviewResponse })
  @ApiErrors('FORBIDDEN')
  overview(@CurrentUser() user: AuthUser) {
    return this.dashboards.overview(user);
  }
}
