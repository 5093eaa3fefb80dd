import { Body, Controller, Delete, forwardRef, Get, HttpCode, Inject, Patch, Put, Query, Req } from '@nestjs/common';
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
import { AppError } from '@app/common';
import type { AuthUser } from '@app/auth';
import { AttachmentsService } from '../attachments';
import { DirectoryDto, DirectoryQuery, ProfileDto, UpdateProfileDto } from './people.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@ApiBearerAuth()
@Controller()
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    // forwardRef: attachments -> discussions -> people (the email policy) -> attachments is a load-time cycle.
    @Inject(forwardRef(() => AttachmentsService)) private readonly attachments: AttachmentsService,
  ) {}

  @Get('users')
  @ApiOperation({
    summary: 'People directory: search by name (mention autocomplete, adding members); e-mail only for admins and the person',
  })
  @ApiOkResponse({ type: DirectoryDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  directory(@CurrentUser() user: AuthUser, @Query() q: DirectoryQuery): Promise<DirectoryDto> {
    return this.people.directory(user, q);
  }

  @Get('me/profile')
  @ApiOperation({ summary: 'The caller’s profile: name, position (jabatan), phone, avatar, units' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  profile(@CurrentUser() user: AuthUser): Promise<ProfileDto> {
    return this.people.profile(user.id);
  }

  @Patch('me/profile')
  @ApiOperation({ summary: 'Changes the caller’s name, position or phone' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  updateProfile(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<ProfileDto> {
    return this.people.updateProfile(user.id, dto);
  }

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
