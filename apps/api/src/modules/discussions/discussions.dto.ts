import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { QueryInt, SortQuery } from '@app/common';
import { POST_SORT } from './posts.repository';
import { THREAD_SORT } from './threads.repository';

/** Largest Markdown source of one post (characters); past it 400. */
export const MAX_BODY = 20_000;
const NOT_BLANK = /\S/;

export class CreateThreadDto {
  @IsOptional()
  @IsUUID()
  innovationId?: string;

  @IsOptional()
  @IsUUID()
  replicationId?: string;

  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  /** Markdown; mentions as `@[Name](userId)`. */
  @IsString()
  @MaxLength(MAX_BODY)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;
}

export class ListThreadsQuery {
  @IsOptional()
  @IsUUID()
  innovationId?: string;

  @IsOptional()
  @IsUUID()
  replicationId?: string;

  @QueryInt(1, 100)
  limit?: number;

  @QueryInt(0, 1_000_000)
  offset?: number;

  @SortQuery(
    Object.keys(THREAD_SORT),
    '-lastPost',
    'lastPost, created, title or posts (`-` descending). Without it: pinned first, then -lastPost',
  )
  sort?: string;
}

export class ListPostsQuery {
  @QueryInt(1, 100)
  limit?: number;

  /** Opaque cursor: `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;

  @SortQuery(Object.keys(POST_SORT), 'created', 'created (oldest first) or -created (newest first); `after` pages in that order')
  sort?: string;
}

export class CreatePostDto {
  @IsString()
  @MaxLength(MAX_BODY)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;

  /** Reply to this post (one level: a reply to a reply joins the same top-level post). */
  @IsOptional()
  @IsUUID()
  parentId?: string;

  /** The post this one quotes (same thread, visible). */
  @IsOptional()
  @IsUUID()
  quotePostId?: string;
}

export class EditPostDto {
  @IsString()
  @MaxLength(MAX_BODY)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;
}

export class AnswerDto {
  @IsUUID()
  postId!: string;
}
