import { Controller, Delete, HttpCode, Put, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { AppError } from '@app/common';
import { PeopleService, ProfileDto } from '../people';
import { AttachmentsService } from './attachments.service';

/**
 * The caller's avatar: an attachment on parent `user`. It lives here, not in people, so the
 * dependency runs one way (attachments -> people); people's profile only stores the id.
 */
@ApiTags('people')
@ApiBearerAuth()
@Controller()
export class AvatarController {
  constructor(
    private readonly people: PeopleService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Put('me/avatar')
  @ApiOperation({ summary: 'Sets the avatar from an image (multipart field `file`); the previous one is deleted' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ProfileDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  @ApiResponse({ status: 413, description: 'ATTACHMENT_TOO_LARGE' })
  @ApiResponse({ status: 415, description: 'ATTACHMENT_TYPE_NOT_ALLOWED (an image is needed)' })
  async setAvatar(@CurrentUser() user: AuthUser, @Req() req: Request): Promise<ProfileDto> {
    const file = await this.attachments.upload(user, { type: 'user', id: user.id }, req);
    if (!file.contentType.startsWith('image/')) {
      await this.attachments.removeUnchecked(file.id);
      throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', 'An avatar must be a PNG, JPEG, GIF or WebP image');
    }
    const previous = await this.people.setAvatar(user.id, file.id);
    if (previous && previous !== file.id) await this.attachments.removeUnchecked(previous);
    return this.people.profile(user.id);
  }

  @Delete('me/avatar')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes the avatar' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  async removeAvatar(@CurrentUser() user: AuthUser): Promise<void> {
    const previous = await this.people.setAvatar(user.id, null);
    if (previous) await this.attachments.removeUnchecked(previous);
  }
}
