import { Module } from '@nestjs/common';
import { GoalReminderService } from './goal-reminder.service';
import { MentoringController } from './mentoring.controller';
import { MentoringDashboardService } from './mentoring-dashboard.service';
import { MentoringNotifier } from './mentoring-notifier.service';
import { MentoringQueries } from './mentoring.queries';
import { MentoringSessionsService } from './mentoring-sessions.service';
import { MentoringService } from './mentoring.service';
import { MentorshipContextService } from './mentorship-context.service';

/** Mentorships between originating and replicating units (pendampingan replikasi). */
@Module({
  controllers: [MentoringController],
  providers: [
    MentoringService,
    MentoringSessionsService,
    MentorshipContextService,
    MentoringQueries,
    MentoringNotifier,
    MentoringDashboardService,
    GoalReminderService,
  ],
  exports: [MentoringService, GoalReminderService, MentorshipContextService, MentoringSessionsService],
})
export class MentoringModule {}
