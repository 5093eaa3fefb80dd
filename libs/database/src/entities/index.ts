import { Notification } from './notification.entity';
import { Agency, Membership, Unit } from './organisation.entity';
import { Innovation } from './innovation.entity';
import {
  Mentorship,
  MentorshipFeedback,
  MentorshipGoal,
  MentorshipMentor,
  MentorshipSession,
  MentorshipTransition,
} from './mentoring.entity';
import { Playbook } from './playbook.entity';
import { PlaybookSnapshot } from './playbook-snapshot.entity';
import { RefreshToken } from './refresh-token.entity';
import { Replication, ReplicationTransition } from './replication.entity';
import { User } from './user.entity';

export * from './innovation.entity';
export * from './mentoring.entity';
export * from './notification.entity';
export * from './organisation.entity';
export * from './playbook.entity';
export * from './playbook-snapshot.entity';
export * from './refresh-token.entity';
export * from './replication.entity';
export * from './user.entity';

/** Every entity of the application. Feature issues add theirs here. */
export const ENTITIES = [
  User,
  RefreshToken,
  Agency,
  Unit,
  Membership,
  Innovation,
  Replication,
  ReplicationTransition,
  Playbook,
  PlaybookSnapshot,
  Notification,
  Mentorship,
  MentorshipMentor,
  MentorshipGoal,
  MentorshipSession,
  MentorshipFeedback,
  MentorshipTransition, // mentoring
];
