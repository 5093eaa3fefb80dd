import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
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
  TransitionDto,
  UpdateGoalDto,
  UpdateSessionDto,
} from './mentoring.dto';
import { MentoringDashboardService } from './mentoring-dashboard.service';
import { MentoringSessionsService } from './mentoring-sessions.service';
import { MentoringService } from './mentoring.service';
import { uuid } from '@app/common';


@ApiTags('mentoring')
@ApiBearerAuth()
@Controller()
export class MentoringController {
  constructor(
    private readonly mentoring: MentoringService,
    private readonly sessions: MentoringSessionsService,
    private readonly dashboards: MentoringDashboardService,
  ) {}

  @Post('mentorships')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateMentorshipDto) {
    return this.mentoring.create(user, dto);
  }

  @Get('mentorships')
  list(@CurrentUser() user: AuthUser, @Query() q: ListMentorshipsQuery) {
    return this.mentoring.list(user, q);
  }

  @Get('mentorships/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.mentoring.get(user, id);
  }

  @Post('mentorships/:id/transitions')
  @HttpCode(200)
  transition(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: TransitionDto) {
    return this.mentoring.transition(user, id, dto);
  }

  /**
   * Replaces the mentors while PROPOSED, ACTIVE or PAUSED (admins of the origin or facilitator
   * unit, curators, admins) → 200 the mentorship. Mentors must be members of the origin or
   * facilitator unit (422 INVALID_MENTOR); closed → 409 MENTORSHIP_CLOSED. Recorded in the history.
   */
  @Put('mentorships/:id/mentors')
  changeMentors(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ChangeMentorsDto) {
    return this.mentoring.changeMentors(user, id, dto);
  }

  @Post('mentorships/:id/goals')
  addGoal(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: GoalDto) {
    return this.mentoring.addGoal(user, id, dto);
  }

  @Patch('mentorships/:id/goals/:goalId')
  updateGoal(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('goalId', uuid) goalId: string, @Body() dto: UpdateGoalDto) {
    return this.mentoring.updateGoal(user, id, goalId, dto);
  }

  @Post('mentorships/:id/sessions')
  addSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateSessionDto) {
    return this.sessions.addSession(user, id, dto);
  }

  @Patch('mentorships/:id/sessions/:sessionId')
  updateSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string, @Body() dto: UpdateSessionDto) {
    return this.sessions.updateSession(user, id, sessionId, dto);
  }

  /**
   * Calls off a session not yet held (those who may schedule sessions) → 200 the session.
   * Held → 409 SESSION_HELD; already cancelled → 409 SESSION_CANCELLED (as is any later edit).
   */
  @Post('mentorships/:id/sessions/:sessionId/cancel')
  @HttpCode(200)
  cancelSession(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string, @Body() dto: CancelSessionDto) {
    return this.sessions.cancelSession(user, id, sessionId, dto);
  }

  /** The session as an iCalendar file with one VEVENT (a cancellation once the session is cancelled). */
  @Get('mentorships/:id/sessions/:sessionId/ics')
  @ApiProduces('text/calendar')
  async ics(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('sessionId', uuid) sessionId: string, @Res() res: Response) {
    const { filename, body } = await this.sessions.ics(user, id, sessionId);
    res.status(200).set({ 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` }).send(body);
  }

  @Post('mentorships/:id/feedback')
  feedback(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: FeedbackDto) {
    return this.mentoring.feedback(user, id, dto);
  }

  /** A unit's mentorships as mentor side and as mentee side, with progress and rating (members, curators, admins). */
  @Get('units/:id/mentoring-dashboard')
  dashboard(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.dashboards.unitDashboard(user, id);
  }

  /** A unit's average mentoring rating, for its page (anyone signed in). */
  @Get('units/:id/mentoring-rating')
  rating(@Param('id', uuid) id: string) {
    return this.dashboards.rating(id);
  }

  /** National overview by region and state (curators, admins). */
  @Get('mentoring/overview')
  overview(@CurrentUser() user: AuthUser) {
    return this.dashboards.overview(user);
  }
}
