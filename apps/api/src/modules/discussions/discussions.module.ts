import { Module } from '@nestjs/common';
import { SearchModule } from '../search';
import { DiscussionsController } from './discussions.controller';
import { DiscussionsGateway } from './discussions.gateway';
import { DiscussionsService } from './discussions.service';
import { PostsRepository } from './posts.repository';
import { ThreadAccess } from './thread-access.service';
import { ThreadSearchProvider } from './thread-search.provider';
import { ThreadsRepository } from './threads.repository';
import { PeopleModule } from '../people';

/** Threads and posts on innovations and replications, live on `/realtime`, searchable. */
@Module({
  imports: [SearchModule, PeopleModule],
  controllers: [DiscussionsController],
  providers: [DiscussionsService, DiscussionsGateway, ThreadAccess, ThreadSearchProvider, ThreadsRepository, PostsRepository],
  exports: [DiscussionsService, DiscussionsGateway, ThreadAccess, ThreadsRepository, PostsRepository],
})
export class DiscussionsModule {}
