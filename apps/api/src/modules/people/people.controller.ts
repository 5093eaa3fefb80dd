import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { DirectoryDto, DirectoryQuery, ProfileDto, UpdateProfileDto } from './people.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@ApiBearerAuth()
@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

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
}
