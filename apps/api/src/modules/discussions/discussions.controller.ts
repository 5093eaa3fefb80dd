import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { ApiErrors, badRequest, uuid } from '@app/common';
import { AnswerDto, CreatePostDto, CreateThreadDto, EditPostDto, ListPostsQuery, ListThreadsQuery } from './discussions.dto';
import {
  FollowResponse,
  PostHistoryResponse,
  PostPageResponse,
  PostResponse,
  ThreadDetailResponse,
  ThreadPageResponse,
  ThreadResponse,
} from './discussions.responses';
import { DiscussionsService, Reaction, REACTIONS } from './discussions.service';

function reaction(emoji: string): Reaction {
  if (!(REACTIONS as readonly string[]).includes(emoji)) throw badRequest(`emoji must be one of ${REACTIONS.join(', ')}`);
  return emoji as Reaction;
}

@ApiTags('discussions')
@Controller()
export class DiscussionsController {
  constructor(private readonly discussions: DiscussionsService) {}

  @Post('threads')
  @ApiOperation({ summary: 'Start a thread on an innovation or a replication; its body is the first post' })
  @ApiCreatedResponse({ type: ThreadDetailResponse })
  @ApiErrors('FORBIDDEN', 'USER_SUSPENDED', 'NOT_FOUND', 'RATE_LIMITED')
  createThread(@CurrentUser() user: AuthUser, @Body() dto: CreateThreadDto) {
    return this.discussions.createThread(user, dto);
  }

  @Get('threads')
  @ApiOperation({ summary: 'Threads the caller may read, of one innovation or replication or all; pinned first, then latest activity' })
  @ApiOkResponse({ type: ThreadPageResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  listThreads(@CurrentUser() user: AuthUser, @Query() q: ListThreadsQuery) {
    return this.discussions.listThreads(user, q);
  }

  @Get('threads/:id')
  @ApiOperation({ summary: 'A thread with its body (first post) and whether the caller follows it' })
  @ApiOkResponse({ type: ThreadDetailResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  getThread(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.getThread(user, id);
  }

  @Get('threads/:id/posts')
  @ApiOperation({ summary: "A thread's posts, oldest first, by cursor" })
  @ApiOkResponse({ type: PostPageResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  listPosts(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: ListPostsQuery) {
    return this.discussions.listPosts(user, id, q);
  }

  @Post('threads/:id/posts')
  @ApiOperation({ summary: 'Post or reply in a thread (Markdown; mentions as @[Name](userId))' })
  @ApiCreatedResponse({ type: PostResponse })
  @ApiErrors('FORBIDDEN', 'USER_SUSPENDED', 'NOT_FOUND', 'CONFLICT', 'THREAD_LOCKED', 'SLOW_MODE', 'RATE_LIMITED')
  createPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreatePostDto) {
    return this.discussions.createPost(user, id, dto);
  }

  @Put('threads/:id/follow')
  @ApiOperation({ summary: 'Follow a thread (told when it is answered)' })
  @ApiOkResponse({ type: FollowResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  follow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.follow(user, id, true);
  }

  @Delete('threads/:id/follow')
  @ApiOperation({ summary: 'Stop following a thread' })
  @ApiOkResponse({ type: FollowResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  unfollow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.follow(user, id, false);
  }

  /** Marks the accepted answer (thread author or moderator). */
  @Post('threads/:id/answer')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark a post as the thread's accepted answer (thread author or moderator)" })
  @ApiOkResponse({ type: ThreadResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'CONFLICT')
  answer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AnswerDto) {
    return this.discussions.setAnswer(user, id, dto.postId);
  }

  @Delete('threads/:id/answer')
  @ApiOperation({ summary: 'Clear the accepted answer (thread author or moderator)' })
  @ApiOkResponse({ type: ThreadResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  unanswer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.setAnswer(user, id, null);
  }

  @Get('posts/:id')
  @ApiOperation({ summary: 'One post (hidden shape unless moderator or author)' })
  @ApiOkResponse({ type: PostResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  getPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.getPost(user, id);
  }

  @Patch('posts/:id')
  @ApiOperation({ summary: 'Edit a post (its author); the previous body goes to its history' })
  @ApiOkResponse({ type: PostResponse })
  @ApiErrors('FORBIDDEN', 'USER_SUSPENDED', 'NOT_FOUND', 'THREAD_LOCKED', 'CONFLICT')
  editPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: EditPostDto) {
    return this.discussions.editPost(user, id, dto);
  }

  @Delete('posts/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a post (its author): body and history wiped, its place kept for replies' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  deletePost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.deletePost(user, id);
  }

  @Get('posts/:id/history')
  @ApiOperation({ summary: "A post's earlier bodies (its author or a moderator)" })
  @ApiOkResponse({ type: PostHistoryResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  history(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.history(user, id);
  }

  @Put('posts/:id/reactions/:emoji')
  @ApiOperation({ summary: 'React to a post (+1 -1 heart laugh hooray confused eyes rocket)' })
  @ApiOkResponse({ type: PostResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND', 'CONFLICT')
  react(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('emoji') emoji: string) {
    return this.discussions.react(user, id, reaction(emoji), true);
  }

  @Delete('posts/:id/reactions/:emoji')
  @ApiOperation({ summary: 'Take back a reaction' })
  @ApiOkResponse({ type: PostResponse })
  @ApiErrors('FORBIDDEN', 'NOT_FOUND')
  unreact(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('emoji') emoji: string) {
    return this.discussions.react(user, id, reaction(emoji), false);
  }
}
