// Public surface of the discussions module: what other modules may import.
export { DiscussionsService, REACTIONS } from './discussions.service';
export type { Reaction } from './discussions.service';
export { DiscussionsGateway, threadModRoom, threadRoom } from './discussions.gateway';
export { ThreadAccess } from './thread-access.service';
export { hiddenPostView, POST_SELECT, postView, THREAD_SELECT, threadView } from './discussions.views';
export type { PostRow, PostView, ThreadRow, ThreadView } from './discussions.views';
export { extractMentions, renderMarkdown } from './markdown';
export { DiscussionsModule } from './discussions.module';
export {
  FollowResponse,
  PostPageResponse,
  PostResponse,
  ThreadDetailResponse,
  ThreadPageResponse,
  ThreadResponse,
} from './discussions.responses';
