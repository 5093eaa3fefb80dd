// Public surface of the discussions module: what other modules may import.
export { DiscussionsService, REACTIONS } from './discussions.service';
export type { Reaction } from './discussions.service';
export { DiscussionsGateway, threadModRoom, threadRoom } from './discussions.gateway';
export { ThreadAccess } from './thread-access.service';
export { hiddenPostView, postView, threadView } from './discussions.views';
export type { PostView, ThreadView } from './discussions.views';
export { ThreadsRepository } from './threads.repository';
export type { ThreadRecord, ThreadScope, ThreadSetting } from './threads.repository';
export { PostsRepository } from './posts.repository';
export type { NewPost, PostRecord } from './posts.repository';
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
