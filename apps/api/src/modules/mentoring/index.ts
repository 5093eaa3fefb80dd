// Public surface of the mentoring module: what other modules may import.
export { MentoringModule } from './mentoring.module';
export { MentoringService } from './mentoring.service';
export { GoalReminderService } from './goal-reminder.service';
