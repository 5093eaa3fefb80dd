// Public surface of the mentoring module: what other modules may import.
export { MentoringService } from './mentoring.service';
export { GoalReminderService } from './goal-reminder.service';
export { MentorshipContextService } from './mentorship-context.service';
export { MentoringSessionsService } from './mentoring-sessions.service';
export { MentoringModule } from './mentoring.module';
