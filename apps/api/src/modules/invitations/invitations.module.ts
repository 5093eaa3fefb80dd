import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MailModule } from '../mail';

@Module({
  imports: [AuthModule, MailModule],
  controllers: [InvitationsController],
  providers: [InvitationsService],
})
export class InvitationsModule {}
