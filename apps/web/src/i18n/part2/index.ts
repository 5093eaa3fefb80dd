import { curatorEn, curatorId } from './curator';
import { discussionEn, discussionId } from './discussion';
import { mentoringEn, mentoringId } from './mentoring';
import { moderationEn, moderationId } from './moderation';

/** The part-2 screens' messages, one file per feature, spread into the one catalogue. */
export const part2Id = { ...discussionId, ...moderationId, ...mentoringId, ...curatorId } as const;
export const part2En: Record<keyof typeof part2Id, string> = { ...discussionEn, ...moderationEn, ...mentoringEn, ...curatorEn };
