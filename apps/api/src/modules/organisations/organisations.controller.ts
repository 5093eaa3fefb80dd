import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { AuthUser } from '@app/auth';
import { AddMemberDto, CreateAgencyDto, CreateUnitDto, ListAgenciesQuery, SetRolesDto } from './organisations.dto';
import { OrganisationsService } from './organisations.service';
import { uuid } from '@app/common';


@ApiTags('organisations')
@ApiBearerAuth()
@Controller()
export class OrganisationsController {
  constructor(private readonly orgs: OrganisationsService) {}

  @Roles('admin')
  @Post('agencies')
  createAgency(@Body() dto: CreateAgencyDto) {
    return this.orgs.createAgency(dto);
  }

  @Get('agencies')
  listAgencies(@Query() query: ListAgenciesQuery) {
    return this.orgs.listAgencies(query);
  }

  @Get('agencies/:id')
  getAgency(@Param('id', uuid) id: string) {
    return this.orgs.getAgency(id);
  }

  @Roles('admin')
  @Post('agencies/:id/units')
  createUnit(@Param('id', uuid) id: string, @Body() dto: CreateUnitDto) {
    return this.orgs.createUnit(id, dto);
  }

  @Get('units/:id')
  getUnit(@Param('id', uuid) id: string) {
    return this.orgs.getUnit(id);
  }

  @Get('units/:id/members')
  listMembers(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.orgs.listMembers(user, id);
  }

  /** Platform admin or the unit's admin. Adding an existing member changes their role. */
  @Post('units/:id/members')
  addMember(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AddMemberDto) {
    return this.orgs.addMember(user, id, dto);
  }

  @Delete('units/:id/members/:userId')
  @HttpCode(204)
  async removeMember(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('userId', uuid) userId: string): Promise<void> {
    await this.orgs.removeMember(user, id, userId);
  }

  /** Replaces a user's platform roles; `user` is always kept. */
  @Roles('admin')
  @Put('users/:id/roles')
  setRoles(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: SetRolesDto) {
    return this.orgs.setRoles(user, id, dto);
  }

  @Get('users/:id')
  getUser(@Param('id', uuid) id: string) {
    return this.orgs.getUser(id);
  }
}
