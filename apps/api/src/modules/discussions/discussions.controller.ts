import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { badRequest, uuid } from '@app/common';
import { AnswerDto, CreatePostDto, CreateThreadDto, EditPostDto, ListPostsQuery, ListThreadsQuery } from './discussions.dto';
import { DiscussionsService, Reaction, REACTIONS } from './discussions.service';


function reaction(emoji: string): Reaction {
  if (!(REACTIONS as readonly string[]).includes(emoji)) throw badRequest(`emoji must be one of ${REACTIONS.join(', ')}`);
  return emoji as Reaction;
}

@ApiTags('discussions')
@ApiBearerAuth()
@Controller()
export class DiscussionsController {
  constructor(private readonly discussions: DiscussionsService) {}

  @Post('threads')
  createThread(@CurrentUser() user: AuthUser, @Body() dto: CreateThreadDto) {
    return this.discussions.createThread(user, dto);
  }

  @Get('threads')
  listThreads(@CurrentUser() user: AuthUser, @Query() q: ListThreadsQuery) {
    return this.discussions.listThreads(user, q);
  }

  @Get('threads/:id')
  getThread(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.getThread(user, id);
  }

  @Get('threads/:id/posts')
  listPosts(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: ListPostsQuery) {
    return this.discussions.listPosts(user, id, q);
  }

  @Post('threads/:id/posts')
  createPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreatePostDto) {
    return this.discussions.createPost(user, id, dto);
  }

  @Put('threads/:id/follow')
  follow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.follow(user, id, true);
  }

  @Delete('threads/:id/follow')
  unfollow(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.follow(user, id, false);
  }

  /** Marks the accepted answer (thread author or moderator). */
  @Post('threads/:id/answer')
  @HttpCode(200)
  answer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AnswerDto) {
    return this.discussions.setAnswer(user, id, dto.postId);
  }

  @Delete('threads/:id/answer')
  unanswer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.setAnswer(user, id, null);
  }

  @Get('posts/:id')
  getPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.getPost(user, id);
  }

  @Patch('posts/:id')
  editPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: EditPostDto) {
    return this.discussions.editPost(user, id, dto);
  }

  @Delete('posts/:id')
  @HttpCode(204)
  deletePost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.deletePost(user, id);
  }

  @Get('posts/:id/history')
  history(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.discussions.history(user, id);
  }

  @Put('posts/:id/reactions/:emoji')
  react(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('emoji') emoji: string) {
    return this.discussions.react(user, id, reaction(emoji), true);
  }

  @Delete('posts/:id/reactions/:emoji')
  unreact(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('emoji') emoji: string) {
    return this.discussions.react(user, id, reaction(emoji), false);
  }
}
